// Runs the built bin (dist/bin.js, built by turbo before the tests) as a
// subprocess, with an environment that holds only what the test gives.
import { execFile, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment every run starts from: loopback HTTP allowed, no config file of the user's. */
export function baseEnv(env: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "", SCICLIENTS_ALLOW_HTTP: "1", HOME: "/nonexistent", XDG_CONFIG_HOME: "/nonexistent", ...env };
}

/** Runs the bin with `args`; `stdin` is its input (none when undefined), `cwd` its working directory. */
export function runBin(args: string[], env: Record<string, string> = {}, stdin?: string, cwd?: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const options = { env: baseEnv(env), maxBuffer: 16 * 1024 * 1024, ...(cwd ? { cwd } : {}) };
    const child = execFile(process.execPath, [BIN, ...args], options, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
    else child.stdin?.end();
  });
}

/**
 * Starts the bin, waits until its stderr contains `marker` (or `marker()` is
 * true, checked every 50 ms), sends SIGINT and resolves with what it printed
 * and its exit code.
 */
export function interruptBin(
  args: string[],
  env: Record<string, string>,
  marker: string | RegExp | (() => boolean),
  { stdinOpen = false } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // stdinOpen: a stdin that never ends (a command waiting for input).
    const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(env), stdio: [stdinOpen ? "pipe" : "ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let sent = false;
    const interrupt = () => {
      if (sent) return;
      sent = true;
      child.kill("SIGINT");
    };
    const poll = typeof marker === "function" ? setInterval(() => marker() && interrupt(), 50) : undefined;
    const timer = setTimeout(() => {
      clearInterval(poll);
      child.kill("SIGKILL");
      reject(new Error(`the bin never printed ${String(marker)}; stderr: ${stderr}`));
    }, 20_000);
    child.stdout?.on("data", (chunk) => (stdout += chunk));
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
      if (typeof marker === "string" ? stderr.includes(marker) : marker instanceof RegExp && marker.test(stderr)) interrupt();
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      resolve({ code: code ?? (signal === "SIGINT" ? 130 : 1), stdout, stderr });
    });
  });
}
