// `npx sciclients` as a user gets it: @sciclients/cli packed alone, installed
// with npm into an app in the system's temp folder (outside the workspace),
// then run with npx: its help, and one operation against a loopback server.
// The bin bundles the workspace packages it uses, so the tarball must carry
// every third-party module the bundle imports in its dependencies.
import { readdir, readFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installedApp } from "../lib/app.js";
import { type PackedPackage, packAll } from "../lib/pack.js";
import { run, userEnv } from "../lib/run.js";
import { type DataManagerStandIn, PROJECTS, startDataManager } from "../lib/server.js";

const root = path.resolve(import.meta.dirname, "../../..");
const cacheDir = path.join(os.tmpdir(), "sciclients-consumer-tests");

let cli: PackedPackage;
let app: string;
let server: DataManagerStandIn;

beforeAll(async () => {
  [cli] = (await packAll(root, cacheDir, ["@sciclients/cli"])) as [PackedPackage];
  app = await installedApp(cacheDir, { label: "cli", packages: [cli], dependencies: {} });
  server = await startDataManager();
});
afterAll(() => server?.close());

/** npx in the app, with a user's environment plus `env`. */
const npx = (args: string[], env: Record<string, string> = {}) =>
  run("npx", ["--no-install", ...args], { cwd: app, env: { ...userEnv(), ...env } });

/** The bare module names a bundle imports (static and dynamic), without Node's own. */
function importedPackages(code: string): string[] {
  const names = new Set<string>();
  const statements = /^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm;
  const dynamic = /\bimport\(\s*["']([^"']+)["']\s*\)/g;
  for (const match of [...code.matchAll(statements), ...code.matchAll(dynamic)]) {
    const specifier = match[1] as string;
    if (!/^[@a-z0-9][\w.@/-]*$/i.test(specifier) || specifier.startsWith("node:") || builtinModules.includes(specifier)) continue;
    names.add(specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : (specifier.split("/")[0] as string));
  }
  return [...names].sort();
}

describe("npx sciclients", () => {
  it("the packed bin imports only packages its manifest depends on, and no workspace package", async () => {
    const dir = path.join(app, "node_modules", "@sciclients/cli");
    const manifest = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as {
      bin: Record<string, string>;
      dependencies: Record<string, string>;
    };
    // The bin loads the program as chunks beside it: every module the tarball ships counts.
    const binDir = path.dirname(path.join(dir, manifest.bin.sciclients as string));
    const modules = (await readdir(binDir)).filter((file) => file.endsWith(".js"));
    expect(modules).toContain(path.basename(manifest.bin.sciclients as string));
    const code = await Promise.all(modules.map((file) => readFile(path.join(binDir, file), "utf8")));
    const imported = importedPackages(code.join("\n"));
    expect(imported.filter((name) => name.startsWith("@sciclients/"))).toEqual([]);
    expect(imported.filter((name) => !(name in manifest.dependencies))).toEqual([]);
    expect(imported).toContain("commander");
  });

  it("prints its version", async () => {
    const { code, stdout } = await npx(["sciclients", "--version"]);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("prints its help with every service", async () => {
    const { code, stdout, stderr } = await npx(["sciclients", "--help"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    for (const service of ["data-manager", "account-server", "dserver", "iceprod", "dss"]) expect(stdout).toContain(service);
  });

  it("runs an operation with the service's settings from the environment", async () => {
    const { code, stdout, stderr } = await npx(["sciclients", "data-manager", "get-projects"], {
      SQUONK2_DMAPI_URL: server.baseURL,
      SQUONK2_TOKEN: "consumer-token",
      SCICLIENTS_ALLOW_HTTP: "1",
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).projects).toEqual(PROJECTS);
    expect(server.seen.at(-1)?.headers.authorization).toBe("Bearer consumer-token");
  });
});
