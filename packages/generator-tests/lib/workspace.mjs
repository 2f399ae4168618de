// A throw-away copy of the workspace for running `new-client` and `generate`
// without touching the real one: the root config files and scripts are copied,
// node_modules are links to the real ones, and the manifest starts empty.
// New client packages resolve their dependencies through the links of an
// existing client package (every client has the same development dependencies).
import { spawn } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const ROOT_FILES = [
  "package.json",
  "tsconfig.base.json",
  "vitest.shared.ts",
  "tsup.client.ts",
  "turbo.json",
  "biome.json",
  "pnpm-workspace.yaml",
];
const bin = (name) => path.join(repoRoot, "node_modules/.bin", name);

/**
 * @typedef {{ cwd?: string, env?: Record<string, string>, timeoutMs?: number }} RunOptions
 * @typedef {{ code: number, stdout: string, stderr: string, ms: number }} RunResult
 */

/**
 * Starts a command in a process group of its own (so that a timeout ends its
 * children too) and collects its output. `done` resolves when it closes, never
 * rejecting on a non-zero exit. `spawnOptions` go to spawn (stdio for more pipes);
 * `env` adds to this process's, without colours.
 * @param {string} command
 * @param {string[]} args
 * @param {import("node:child_process").SpawnOptions & { timeoutMs: number, env?: Record<string, string> }} options
 */
export function spawnCollected(command, args, { timeoutMs, env = {}, ...spawnOptions }) {
  const child = spawn(command, args, {
    ...spawnOptions,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, ...env },
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    stderr += `\n(timed out after ${timeoutMs} ms)`;
  }, timeoutMs);
  /** @type {Promise<{ code: number, stdout: string, stderr: string }>} */
  const done = new Promise((resolve) => {
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
  return { child, done };
}

/**
 * Runs a command; resolves to `{ code, stdout, stderr, ms }`, never rejects on a non-zero exit.
 * `timeoutMs` ends it (and its children) when it runs for too long.
 * @param {string} command
 * @param {string[]} args
 * @param {RunOptions} [options]
 * @returns {Promise<RunResult>}
 */
export async function run(command, args, { cwd, env = {}, timeoutMs = 600_000 } = {}) {
  const started = performance.now();
  const result = await spawnCollected(command, args, { cwd, env, timeoutMs }).done;
  return { ...result, ms: Math.round(performance.now() - started) };
}

/**
 * Copies packages/generator (its sources, launcher and package.json) from `from`
 * to `to`, with its node_modules a link to the real package's.
 * @param {string} from
 * @param {string} to
 */
export function copyGenerator(from, to) {
  cpSync(from, to, { recursive: true, filter: (file) => path.basename(file) !== "node_modules" });
  symlinkSync(path.join(repoRoot, "packages/generator/node_modules"), path.join(to, "node_modules"));
}

/**
 * Creates the copy; `dispose()` removes it. `scripts` and `generator` are the
 * folders the entry scripts and packages/generator are copied from (the
 * repository's by default; a long run passes snapshots so edits made meanwhile
 * do not reach it). The generator's node_modules is a link to the real one.
 * @param {string} [prefix]
 * @param {{ scripts?: string, generator?: string }} [options]
 */
export function makeWorkspace(
  prefix = "sciclients-ws-",
  { scripts = path.join(repoRoot, "scripts"), generator = path.join(repoRoot, "packages/generator") } = {},
) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const file of ROOT_FILES) cpSync(path.join(repoRoot, file), path.join(dir, file));
  cpSync(scripts, path.join(dir, "scripts"), { recursive: true });
  copyGenerator(generator, path.join(dir, "packages/generator"));
  // node_modules below are links to the real ones: pnpm must never install here.
  appendFileSync(path.join(dir, "pnpm-workspace.yaml"), "\nverifyDepsBeforeRun: false\n");
  mkdirSync(path.join(dir, "specs"));
  writeFileSync(path.join(dir, "specs/services.yaml"), "# Services of this temporary workspace.\nservices: {}\n");
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
  // new-client reads tool versions from it and borrows its node_modules for type-checks.
  symlinkSync(path.join(repoRoot, "packages/data-manager-client"), path.join(dir, "packages/data-manager-client"));
  /** @param {string} name */
  const pkg = (name) => path.join(dir, "packages", `${name}-client`);
  return {
    dir,
    pkg,
    /** `node scripts/new-client.mjs <name> --spec <spec> …args` in the copy. */
    /** @type {(name: string, spec: string, args?: string[], options?: RunOptions) => Promise<RunResult>} */
    newClient: (name, spec, args = [], options = {}) =>
      run(process.execPath, [path.join(dir, "scripts/new-client.mjs"), name, "--spec", spec, ...args], { cwd: dir, ...options }),
    /** Links the new package's dependencies (what `pnpm install` would do). */
    /** @param {string} name */
    link(name) {
      const target = path.join(pkg(name), "node_modules");
      if (!existsSync(target)) symlinkSync(path.join(repoRoot, "packages/data-manager-client/node_modules"), target);
    },
    /** Strict type-check of the package: src, test and config files. */
    /** @type {(name: string, options?: RunOptions) => Promise<RunResult>} */
    typecheck: (name, options = {}) => {
      // As the package's own typecheck script does it: a very large API's runs scripts/typecheck.mjs (TypeScript 7).
      const script = JSON.parse(readFileSync(path.join(pkg(name), "package.json"), "utf8")).scripts?.typecheck ?? "";
      if (script === "node ../../scripts/typecheck.mjs")
        return run(process.execPath, [path.join(dir, "scripts/typecheck.mjs")], { cwd: pkg(name), ...options });
      return run(bin("tsc"), ["--noEmit", "-p", "tsconfig.json"], { cwd: pkg(name), ...options });
    },
    /** The package's tests (the scaffolded smoke test). */
    /** @type {(name: string, options?: RunOptions) => Promise<RunResult>} */
    test: (name, options = {}) => run(bin("vitest"), ["run", "--reporter=dot"], { cwd: pkg(name), ...options }),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
