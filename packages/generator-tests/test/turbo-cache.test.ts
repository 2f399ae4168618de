// turbo caches generation per service: in a fresh clone of the committed
// workspace, a second `generate` is all cache hits; editing one spec misses
// only that client's generate, and changes the build, type-check and test
// hashes of that client alone; regenerating without a change leaves every
// build hash as it was, so a no-change `pnpm build` is a full cache hit.
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, run } from "../lib/workspace.mjs";

const clone = mkdtempSync(path.join(tmpdir(), "sciclients-turbo-"));
const turbo = path.join(repoRoot, "node_modules/.bin/turbo");
const env = { TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1", DO_NOT_TRACK: "1" };
const CLIENTS = ["data-manager", "account-server", "dserver", "iceprod", "dss"].map((s) => `@sciclients/${s}-client`);

/** Workspace packages that list `name` among their dependencies. */
function dependentsOf(name: string): string[] {
  return readdirSync(path.join(clone, "packages"))
    .map((dir) => path.join(clone, "packages", dir, "package.json"))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, "utf8")) as { name: string; dependencies?: object; devDependencies?: object })
    .filter((pkg) => Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).includes(name))
    .map((pkg) => pkg.name);
}

type DryTask = { taskId: string; hash: string; cache: { status: string } };
async function dry(...tasks: string[]): Promise<Map<string, DryTask>> {
  const out = await run(turbo, ["run", ...tasks, "--dry=json"], { cwd: clone, env });
  if (out.code !== 0) throw new Error(out.stderr || out.stdout);
  const json = JSON.parse(out.stdout) as { tasks: DryTask[] };
  return new Map(json.tasks.map((t) => [t.taskId, t]));
}

beforeAll(async () => {
  const cloned = await run("git", ["clone", "--quiet", "--shared", repoRoot, clone]);
  if (cloned.code !== 0) throw new Error(cloned.stderr);
  // turbo runs each task through pnpm, which by default installs first when it finds node_modules
  // out of date: that would relink the real node_modules relative to this clone. Not here.
  appendFileSync(path.join(clone, "pnpm-workspace.yaml"), "\nverifyDepsBeforeRun: false\n");
  // The clone's own node_modules folder, with links to the real entries (never the folder itself).
  mkdirSync(path.join(clone, "node_modules"));
  for (const entry of readdirSync(path.join(repoRoot, "node_modules"))) {
    if (entry.startsWith(".modules") || entry.startsWith(".pnpm-workspace-state")) continue;
    symlinkSync(path.join(repoRoot, "node_modules", entry), path.join(clone, "node_modules", entry));
  }
  // The generator's own dependencies (orval, esbuild…), as `pnpm install` would link them.
  symlinkSync(path.join(repoRoot, "packages/generator/node_modules"), path.join(clone, "packages/generator/node_modules"));
  const generated = await run(turbo, ["run", "generate", "--output-logs=errors-only"], { cwd: clone, env });
  if (generated.code !== 0) throw new Error(generated.stdout + generated.stderr);
});
afterAll(() => rmSync(clone, { recursive: true, force: true }));

describe("turbo caching of generation", () => {
  it("a second generate is a cache hit for every client", async () => {
    const tasks = await dry("generate");
    for (const client of CLIENTS) expect(tasks.get(`${client}#generate`)?.cache.status, client).toBe("HIT");
  });

  it("regenerating without a change leaves every build, type-check and test hash as it was", async () => {
    const before = await dry("build", "typecheck", "test");
    const forced = await run(turbo, ["run", "generate", "--force", "--output-logs=errors-only"], { cwd: clone, env });
    expect(forced.code).toBe(0);
    const after = await dry("build", "typecheck", "test");
    for (const [id, task] of before) expect(after.get(id)?.hash, id).toBe(task.hash);
  });

  it("editing one spec regenerates, rebuilds and retests that client only", async () => {
    const before = await dry("build", "typecheck", "test", "generate");
    appendFileSync(path.join(clone, "specs/dss.yaml"), "\n# an edit\n");
    const after = await dry("build", "typecheck", "test", "generate");
    expect(after.get("@sciclients/dss-client#generate")?.cache.status).toBe("MISS");
    const changed = [...after.values()].filter((t) => before.get(t.taskId)?.hash !== t.hash).map((t) => t.taskId);
    for (const task of ["build", "generate", "test", "typecheck"]) expect(changed).toContain(`@sciclients/dss-client#${task}`);
    // Besides the client, only packages depending on it (contract tests, README examples) are affected.
    const dependents = dependentsOf("@sciclients/dss-client");
    const others = changed.filter((id) => !id.startsWith("@sciclients/dss-client#"));
    for (const id of others) expect(dependents, id).toContain(id.split("#")[0]);
    for (const client of CLIENTS.filter((c) => c !== "@sciclients/dss-client")) {
      expect(after.get(`${client}#generate`)?.cache.status, client).toBe("HIT");
    }
  });
});
