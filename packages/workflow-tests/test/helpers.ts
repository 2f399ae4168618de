// Runs the workflow commands as child processes against throw-away
// repositories in the system temp folder; the real specs/ is never touched.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

export type Json = Record<string, unknown>;

/** A fresh copy of the base fixture document. */
export function petsDoc(): Json {
  return parse(readFileSync(path.join(fixtures, "pets.yaml"), "utf8")) as Json;
}

export const petsText = () => readFileSync(path.join(fixtures, "pets.yaml"), "utf8");

/** The object at a path inside a document (throws when a step is missing, so a fixture typo fails loudly). */
export function at(doc: Json, ...keys: string[]): Json {
  let node: unknown = doc;
  for (const key of keys) {
    if (node === null || typeof node !== "object" || !(key in node)) throw new Error(`fixture: no ${keys.join(".")} (stopped at ${key})`);
    node = (node as Json)[key];
  }
  return node as Json;
}

/** The array at a path inside a document. */
export function list(doc: Json, ...keys: string[]): unknown[] {
  const value = at(doc, ...keys) as unknown;
  if (!Array.isArray(value)) throw new Error(`fixture: ${keys.join(".")} is not a list`);
  return value;
}

export const toYaml = (doc: Json) => stringify(doc, { aliasDuplicateObjects: false });

const temps: string[] = [];

/** A temp folder, removed by `cleanTemps()`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `sciclients-${prefix}-`));
  temps.push(dir);
  return dir;
}

export function cleanTemps() {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function writeFiles(root: string, files: Record<string, string>) {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

function git(root: string, ...args: string[]) {
  return execFileSync(
    "git",
    ["-c", "user.name=workflow tests", "-c", "user.email=tests@example.org", "-c", "commit.gpgsign=false", ...args],
    {
      cwd: root,
      encoding: "utf8",
    },
  ).trim();
}

/** A git repository holding `files`, committed; resolves to its folder and commit. */
export function makeRepo(files: Record<string, string>): { root: string; commit: string } {
  const root = tempDir("repo");
  writeFiles(root, files);
  git(root, "init", "-q", "-b", "main");
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "base");
  return { root, commit: git(root, "rev-parse", "HEAD") };
}

export interface ServiceFixture {
  name: string;
  live?: Json;
  package?: string;
}

/** specs/services.yaml for fixture services, each with specs/<name>.yaml. */
export function manifest(services: ServiceFixture[]): string {
  const entries = Object.fromEntries(
    services.map((s) => [
      s.name,
      {
        title: `${s.name} fixture`,
        spec: `specs/${s.name}.yaml`,
        package: s.package ?? `@fixtures/${s.name}-client`,
        directory: `packages/${s.name}-client`,
        queryKeyPrefix: s.name,
        ...(s.live ? { live: s.live } : {}),
      },
    ]),
  );
  return stringify({ services: entries });
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `scripts/<script>.mjs` of this checkout with `--root <root>`, in a clean
 * environment (temp HOME, CI set so nothing prompts). Asynchronous, so a test
 * server in this process keeps answering; killed after `timeoutMs`.
 */
export function runScript(
  script: "specs-fetch" | "specs-diff",
  root: string,
  args: string[],
  { env = {}, timeoutMs = 60_000 }: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Run> {
  const home = tempDir("home");
  const child = spawn(process.execPath, [path.join(repoRoot, "scripts", `${script}.mjs`), "--root", root, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: home, XDG_CONFIG_HOME: path.join(home, ".config"), CI: "true", NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${script} ${args.join(" ")} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
