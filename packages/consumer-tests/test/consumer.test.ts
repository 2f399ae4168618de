// The publishable packages as a user gets them: `pnpm pack`ed, installed with npm
// into apps in the system's temp folder (outside the workspace, so nothing
// resolves to the workspace's sources or node_modules), then type-checked,
// run in Node, built with Vite and with webpack, and the Vite app run in Chromium.
import { existsSync } from "node:fs";
import { copyFile, cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { launchChromium } from "@sciclients/test-utils/chromium";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installedApp } from "../lib/app.js";
import { importedFrom, nodeOnlyModules } from "../lib/bundle-modules.js";
import { parseDiagnostics } from "../lib/diagnostics.js";
import { commonJsImports, entrySpecifiers, esmImports } from "../lib/entries.js";
import { type PackedPackage, packAll } from "../lib/pack.js";
import { run, userEnv } from "../lib/run.js";
import { PROJECTS, startDataManager } from "../lib/server.js";

const here = path.resolve(import.meta.dirname, "..");
const root = path.resolve(here, "../..");
const cacheDir = path.join(os.tmpdir(), "sciclients-consumer-tests");

/** What the apps install besides the tarballs, at the versions the workspace uses. */
const TOOLS = [
  "axios",
  "react",
  "react-dom",
  "@tanstack/react-query",
  "msw",
  "@faker-js/faker",
  "typescript",
  "vite",
  "@types/react",
  "@types/node",
];

/**
 * The webpack build's tools, installed only into the test app (not the
 * workspace, whose other packages have no use for them): webpack with its CLI,
 * and the two polyfills Next.js gives browser bundles.
 */
const WEBPACK_TOOLS = { webpack: "5.113.0", "webpack-cli": "7.3.1", buffer: "6.0.3", process: "0.11.10" };

async function workspaceVersions(names: string[]): Promise<Record<string, string>> {
  const versions: Record<string, string> = {};
  for (const name of names) {
    const manifest = JSON.parse(await readFile(path.join(here, "node_modules", name, "package.json"), "utf8")) as { version: string };
    versions[name] = manifest.version;
  }
  return versions;
}

async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

/** Every string leaf of an exports map. */
function exportTargets(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value !== "object" || value === null) return [];
  return Object.values(value).flatMap(exportTargets);
}

let packed: PackedPackage[];
let app: string;
let work: string;
let specifiers: string[];

beforeAll(async () => {
  packed = await packAll(root, cacheDir);
  app = await installedApp(cacheDir, {
    label: "full",
    packages: packed,
    dependencies: { ...(await workspaceVersions(TOOLS)), ...WEBPACK_TOOLS },
  });
  // This run's files, inside the app so they resolve its node_modules; removed afterwards.
  work = await mkdtemp(path.join(app, "run-"));
  await cp(path.join(here, "app"), work, { recursive: true });
  specifiers = await entrySpecifiers(
    app,
    packed.map((p) => p.name),
  );
  await writeFile(path.join(work, "node/entries.json"), `${JSON.stringify(specifiers, null, 2)}\n`);
  // The /mocks entries apart: msw's declarations need the DOM lib, which a Node program may not have.
  const mocks = specifiers.filter((s) => s.endsWith("/mocks"));
  const others = specifiers.filter((s) => !mocks.includes(s));
  await writeFile(path.join(work, "node/entries.mts"), esmImports(others));
  await writeFile(path.join(work, "node/entries.cts"), commonJsImports(others));
  await writeFile(path.join(work, "node/mocks.mts"), esmImports(mocks));
  await writeFile(path.join(work, "node/mocks.cts"), commonJsImports(mocks));
  await writeFile(path.join(work, "node/entries.ts"), esmImports(specifiers));
  // What a browser app may import: all but the mocks (test tooling) and the Node-only `/node` entries.
  const browser = others.filter((s) => !s.endsWith("/node"));
  await writeFile(path.join(work, "webpack/src/entries.mjs"), esmImports(browser).replace(": unknown[]", ""));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const tool = (name: string, bin: string) => path.join(app, "node_modules", name, bin);

describe("published contents", () => {
  it("every publishable package is a devDependency here, so turbo builds it before this test", async () => {
    const manifest = JSON.parse(await readFile(path.join(here, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    // Besides them, the workspace's own test harness (headless Chromium), which is not published.
    const listed = Object.entries(manifest.devDependencies)
      .filter(([name, version]) => version.startsWith("workspace:") && name !== "@sciclients/test-utils")
      .map(([name]) => name);
    expect(listed.sort(), 'each publishable package belongs in devDependencies here as "workspace:*"').toEqual(
      packed.map((p) => p.name).sort(),
    );
  });

  it("no sources, no workspace-only condition; LICENSE, README and every file the manifest names are in each package", async () => {
    for (const pkg of packed) {
      const dir = path.join(app, "node_modules", pkg.name);
      const files = await filesOf(dir);
      const manifestText = await readFile(path.join(dir, "package.json"), "utf8");
      const manifest = JSON.parse(manifestText) as Record<string, unknown>;
      expect(
        files.filter((f) => f.startsWith("src/")),
        pkg.name,
      ).toEqual([]);
      expect(manifestText, pkg.name).not.toContain("@sciclients/source");
      expect(manifest.publishConfig, pkg.name).toBeUndefined();
      expect(JSON.stringify(manifest), pkg.name).not.toContain("workspace:");
      expect(await readFile(path.join(dir, "LICENSE"), "utf8"), pkg.name).toMatch(
        /^MIT License\n\nCopyright \(c\) \d{4} sciclients contributors\n/,
      );
      expect(manifest.license).toBe("MIT");
      expect(await readFile(path.join(dir, "README.md"), "utf8"), pkg.name).toMatch(new RegExp(`^# ${pkg.name}\n`));
      const named = [manifest.main, manifest.module, manifest.types, ...exportTargets(manifest.exports)].filter(
        (t): t is string => typeof t === "string",
      );
      for (const target of named) expect(files, `${pkg.name}: ${target}`).toContain(path.posix.normalize(target));
      // A source map is only worth shipping with the files it points at.
      for (const map of files.filter((f) => f.endsWith(".map"))) {
        const { sources } = JSON.parse(await readFile(path.join(dir, map), "utf8")) as { sources: string[] };
        for (const source of sources)
          expect(files, `${pkg.name}: ${map} -> ${source}`).toContain(path.posix.join(path.posix.dirname(map), source));
      }
    }
  });
});

describe("TypeScript: strict, skipLibCheck false, every entry of every package", () => {
  const tsc = async (project: string) => {
    const result = await run("node", [tool("typescript", "bin/tsc"), "-p", project, "--pretty", "false"], { cwd: work });
    return {
      code: result.code,
      diagnostics: parseDiagnostics(result.stdout).map((d) => ({ ...d, file: d.file.replace(/^(\.\.\/)+/, "") })),
    };
  };
  // The three programs check side by side; each test waits for its own.
  let checks: Record<"node16" | "node16Mocks" | "bundler", ReturnType<typeof tsc>>;
  beforeAll(() => {
    checks = { node16: tsc("tsconfig.node16.json"), node16Mocks: tsc("tsconfig.node16-mocks.json"), bundler: tsc("tsconfig.bundler.json") };
    // Rejections are reported by the test that awaits them.
    for (const check of Object.values(checks)) check.catch(() => {});
  });

  it("node16 resolution, Node's libs only: ES modules (.mts) and CommonJS modules (.cts) importing every entry but /mocks", async () => {
    const { code, diagnostics } = await checks.node16;
    expect(diagnostics.map((d) => d.text)).toEqual([]);
    expect(code).toBe(0);
    expect(existsSync(path.join(work, "out/node/client.mjs"))).toBe(true);
    expect(existsSync(path.join(work, "out/node/client.cjs"))).toBe(true);
  });

  it("node16 resolution with the DOM lib msw needs: /mocks of every client from an ES and a CommonJS module", async () => {
    const { diagnostics } = await checks.node16Mocks;
    // msw 2.15's own declarations import the ESM-only rettime, which a CommonJS
    // program cannot load: TS1479 in node_modules/msw whoever imports msw, not ours to fix.
    const msws = (d: (typeof diagnostics)[number]) => d.code === "TS1479" && d.file.startsWith("node_modules/msw/");
    expect(diagnostics.filter((d) => !msws(d)).map((d) => d.text)).toEqual([]);
  });

  it("bundler resolution: ES modules, CommonJS modules and a React component using a hook", async () => {
    const { code, diagnostics } = await checks.bundler;
    expect(diagnostics.map((d) => d.text)).toEqual([]);
    expect(code).toBe(0);
  });
});

describe("Node, against a Data Manager stand-in on a loopback port", () => {
  let server: Awaited<ReturnType<typeof startDataManager>>;
  beforeAll(async () => {
    server = await startDataManager();
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const [module, script] of [
    ["esm", "out/node/client.mjs"],
    ["cjs", "out/node/client.cjs"],
  ] as const) {
    it(`${module}: lists projects with the token, and a 404 is an ApiError`, async () => {
      server.seen.length = 0;
      const result = await run("node", [script, server.baseURL], { cwd: work });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({
        module,
        count: 2,
        names: PROJECTS.map((p) => p.name),
        firstId: PROJECTS[0]?.project_id,
        error: {
          isApiError: true,
          status: 404,
          service: "data-manager",
          body: { error: "No such thing: /dm-api/project/project-missing" },
        },
      });
      expect(server.seen.map((r) => `${r.method} ${r.url} ${r.headers.authorization}`)).toEqual([
        "GET /dm-api/project Bearer consumer-token",
        "GET /dm-api/project/project-missing Bearer consumer-token",
      ]);
    });
  }

  it("every entry loads with import() and with require()", async () => {
    for (const loader of ["node/load-entries.mjs", "node/load-entries.cjs"]) {
      const result = await run("node", [loader], { cwd: work });
      expect(result.stderr, loader).toBe("");
      const loaded = JSON.parse(result.stdout) as Record<string, number | string>;
      expect(Object.keys(loaded)).toEqual(specifiers);
      const failed = Object.entries(loaded).filter(([, value]) => typeof value !== "number");
      expect(failed, loader).toEqual([]);
    }
  });
});

describe("Vite", () => {
  const vite = (dir: string) => run("node", [tool("vite", "bin/vite.js"), "build", "--logLevel", "warn"], { cwd: dir });

  it("builds a React app that uses a hook; the mocks stay out of its bundle", async () => {
    const dir = path.join(work, "web");
    const result = await vite(dir);
    expect(result.code, result.stderr).toBe(0);
    const assets = path.join(dir, "dist/assets");
    const bundles = (await readdir(assets)).filter((f) => f.endsWith(".js"));
    expect(bundles.length).toBeGreaterThan(0);
    const code = (await Promise.all(bundles.map((f) => readFile(path.join(assets, f), "utf8")))).join("\n");
    // Booleans, not the bundle: a failure should not print a megabyte of minified code.
    expect(code.includes("data-manager"), "the hook's query key is in the bundle").toBe(true);
    expect(code.includes("jsxDEV"), "built for production").toBe(false);
    expect(/HttpResponse|faker/i.test(code), "msw or faker in the bundle").toBe(false);
  });

  it("the React app runs in Chromium from its built files: the hook lists the projects with the token; a refused token is the AuthError", async () => {
    const dist = path.join(work, "web/dist");
    if (!existsSync(dist)) expect((await vite(path.join(work, "web"))).code).toBe(0);
    const server = await startDataManager(dist);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      const scripts: string[] = [];
      page.on("request", (request) => {
        if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
      });
      await page.goto(server.baseURL.replace(/dm-api$/, ""));
      await page.waitForSelector('[data-projects="signed-in"] li');
      await page.waitForSelector('[data-error="refused"]');
      expect(await page.locator('[data-projects="signed-in"] li').allTextContents()).toEqual(PROJECTS.map((p) => p.name));
      expect(await page.locator('[data-error="refused"]').textContent()).toBe(
        "AuthError unauthorized: The API refused the bearer token (HTTP 401), and a fixed token cannot be renewed",
      );
      expect(errors).toEqual([]);
      // Each client sent its own token, once.
      expect(server.seen.map((r) => `${r.method} ${r.url} ${r.headers.authorization}`).sort()).toEqual([
        "GET /dm-api/project Bearer consumer-token",
        "GET /dm-api/project Bearer revoked-token",
      ]);
      // The request pipeline and the refusal's description came from chunks loaded on first use.
      expect(scripts.length, scripts.join(", ")).toBeGreaterThan(2);
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it("builds an app that imports /mocks, and its bundle makes the handlers", async () => {
    const output = await buildAndRunMocksApp(path.join(work, "mocks-web"), tool("vite", "bin/vite.js"));
    expect(output.stderr).toBe("");
    expect(output.stdout).toMatch(/^mock handlers: [1-9]\d*\n$/);
  });
});

describe("webpack, set up as Next.js sets it up for browsers (Node's globals and built-ins polyfilled)", () => {
  /** Builds `src/<entry>.mjs`; the polyfills and Node built-ins in its bundle. */
  const build = async (entry: string) => {
    const dir = path.join(work, "webpack");
    const stats = path.join(dir, `${entry}.stats.json`);
    const result = await run("node", [tool("webpack-cli", "bin/cli.js"), "--config", "webpack.config.mjs", "--json", stats], {
      cwd: dir,
      env: { ...userEnv(), ENTRY: `src/${entry}.mjs` },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(path.join(dir, "dist", entry, "bundle.js"))).toBe(true);
    return nodeOnlyModules(JSON.parse(await readFile(stats, "utf8")));
  };

  it("a React app with a hook and every browser entry of every package: no polyfill, no Node built-in of ours", async () => {
    const found = await build("app");
    const ours = importedFrom(found, /\/node_modules\/@sciclients\/|\/webpack\/src\//);
    expect(ours, "polyfills or Node built-ins that the packages bring into a browser bundle").toEqual([]);
    // What is there comes from React's and axios's own `typeof process` checks (in any app with this
    // set-up, with or without sciclients): the process shim, nothing else.
    expect(found.map((m) => m.name.replace(/^(\.\.\/)+/, ""))).toEqual(["node_modules/process/browser.js"]);
    const others = found.flatMap((m) => m.importers).filter((i) => !/\/node_modules\/(react|react-dom|axios|process)\//.test(i));
    expect(others).toEqual([]);
  });

  it("the check itself: one bare `Buffer` next to the same app brings in the buffer polyfill, and the check names it", async () => {
    const found = importedFrom(await build("bare-buffer"), /\/webpack\/src\/bare-buffer\.mjs$/);
    expect(found.map((m) => m.name.replace(/^(\.\.\/)+/, ""))).toEqual(["node_modules/buffer/index.js"]);
  });
});

/** Builds the /mocks app, then runs its bundle in Node (it needs no DOM). */
async function buildAndRunMocksApp(dir: string, vite: string) {
  const build = await run("node", [vite, "build", "--logLevel", "warn"], { cwd: dir });
  expect(build.code, build.stderr).toBe(0);
  const assets = path.join(dir, "dist/assets");
  const [bundle, ...others] = (await readdir(assets)).filter((f) => f.endsWith(".js"));
  expect(others).toEqual([]);
  const script = path.join(assets, "bundle.mjs");
  await copyFile(path.join(assets, bundle ?? ""), script);
  return run("node", [script], { cwd: dir });
}

describe("/mocks without @faker-js/faker installed", () => {
  let bare: string;
  let bareWork: string;
  beforeAll(async () => {
    const wanted = ["@sciclients/core", "@sciclients/auth", "@sciclients/data-manager-client"];
    bare = await installedApp(cacheDir, {
      label: "without-faker",
      packages: packed.filter((p) => wanted.includes(p.name)),
      dependencies: await workspaceVersions(["axios", "msw", "vite"]),
    });
    expect(existsSync(path.join(bare, "node_modules/@faker-js"))).toBe(false);
    bareWork = await mkdtemp(path.join(bare, "run-"));
    await cp(path.join(here, "app/mocks-web"), path.join(bareWork, "mocks-web"), { recursive: true });
  });
  afterAll(async () => {
    if (bareWork) await rm(bareWork, { recursive: true, force: true });
  });

  it("Vite builds the app; loading the mocks fails naming the missing package", async () => {
    const output = await buildAndRunMocksApp(path.join(bareWork, "mocks-web"), path.join(bare, "node_modules/vite/bin/vite.js"));
    expect(output.code).not.toBe(0);
    expect(output.stderr).toContain('Error: Could not resolve "@faker-js/faker" imported by "@sciclients/data-manager-client"');
  });

  it("Node: import() names the missing package; require() also says what to install", async () => {
    const entry = "@sciclients/data-manager-client/mocks";
    const esm = await run("node", ["--input-type=module", "-e", `await import(${JSON.stringify(entry)});`], { cwd: bare });
    expect(esm.code).not.toBe(0);
    expect(esm.stderr).toContain("Cannot find package '@faker-js/faker' imported from");
    const cjs = await run("node", ["-e", `require(${JSON.stringify(entry)});`], { cwd: bare });
    expect(cjs.code).not.toBe(0);
    expect(cjs.stderr).toContain(
      "Error: @sciclients/data-manager-client/mocks needs msw and @faker-js/faker: npm i -D msw @faker-js/faker (@faker-js/faker is not installed)",
    );
  });
});
