// Runs a command to completion and keeps what it printed, for tests that judge
// both the exit code and the output.
import { spawn } from "node:child_process";

export interface RunResult {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Fails the promise unless the command exits with 0. */
  check?: boolean;
}

/**
 * The environment of a user's shell: this one without what the test runner and
 * pnpm add (NODE_ENV=test would make Vite build for development; pnpm's
 * NODE_PATH would let require() find the workspace's packages; npm reads pnpm's
 * npm_config_* settings as its own).
 */
export function userEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !ADDED_BY_TOOLS.test(key)));
}

/** vitest's (VITEST*, NODE_ENV, and import.meta.env's MODE, DEV, PROD, SSR, BASE_URL), pnpm's, npm's. */
const ADDED_BY_TOOLS =
  /^(VITEST.*|VITE_.*|TEST|NODE_ENV|NODE_OPTIONS|NODE_PATH|MODE|DEV|PROD|SSR|BASE_URL|INIT_CWD|npm_.*|pnpm_.*|PNPM_.*)$/;

export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  const line = [command, ...args].join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? userEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const result = { command: line, code, stdout, stderr };
      if (options.check && code !== 0) reject(new Error(`${line} (in ${options.cwd}) exited with ${code}:\n${stderr || stdout}`));
      else resolve(result);
    });
  });
}
