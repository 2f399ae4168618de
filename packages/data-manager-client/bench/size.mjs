#!/usr/bin/env node
// `pnpm bench:size`: bytes an app pays for sciclients against the official
// @squonk/data-manager-client 5.0.1, bundled and minified by esbuild with
// React, React Query and axios external (an app has those anyway), code
// splitting on as in an app's bundler. "initial" is what the page loads up
// front (the entry and the chunks it imports statically); "lazy" is what
// loads on first use (OAuth for a grant, the retry code for `retry`). The
// "without retry" case is also the set-up without response validation, for
// the "with validation" one.
// Then the budgets, one row each with the limit and PASS or FAIL. `--why`
// lists, per case, the minified bytes each source module leaves in the
// initial chunks (esbuild's metafile): what is kept, and from where.
// Prints figures; asserts nothing. Run `pnpm build` first (the root script does).
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

// What apps of the official client write to send a token they renew themselves.
const officialInterceptor = `AXIOS_INSTANCE.interceptors.request.use(async (config) => { const token = await getToken(); if (token) config.headers.Authorization = "Bearer " + token; return config; });
AXIOS_INSTANCE.interceptors.response.use(undefined, async (error) => { if (error.response?.status === 401 && !error.config.__retried) { error.config.__retried = true; await renew(); return AXIOS_INSTANCE.request(error.config); } throw error; });`;

const cases = [
  {
    name: "one hook (useGetProjects)",
    ours: `import { useGetProjects } from "@sciclients/data-manager-client/project"; console.log(useGetProjects);`,
    official: `import { useGetProjects } from "@squonk/data-manager-client/api/project/project"; console.log(useGetProjects);`,
  },
  {
    name: "one plain function (getProjects)",
    ours: `import { getProjects } from "@sciclients/data-manager-client/functions"; console.log(getProjects);`,
    official: `import { getProjects } from "@squonk/data-manager-client/api/project/project"; console.log(getProjects);`,
  },
  {
    name: "staticBearer set-up + one hook",
    ours: `import { createDataManagerClient } from "@sciclients/data-manager-client"; import { staticBearer } from "@sciclients/auth"; import { useGetProjects } from "@sciclients/data-manager-client/project"; console.log(createDataManagerClient({ baseURL: "/api", auth: staticBearer("t") }), useGetProjects);`,
    official: `import { setBaseUrl, AXIOS_INSTANCE } from "@squonk/data-manager-client"; import { useGetProjects } from "@squonk/data-manager-client/api/project/project"; const getToken = async () => "t"; const renew = async () => {}; setBaseUrl("/api"); ${officialInterceptor} console.log(useGetProjects);`,
  },
  {
    name: "passwordGrant set-up + one hook",
    ours: `import { createDataManagerClient } from "@sciclients/data-manager-client"; import { passwordGrant } from "@sciclients/auth"; import { useGetProjects } from "@sciclients/data-manager-client/project"; console.log(createDataManagerClient({ baseURL: "/api", auth: passwordGrant({ issuer: "https://sso/realms/r", clientId: "c", username: "u", password: "p" }) }), useGetProjects);`,
  },
  {
    name: "set-up with retry + one hook",
    ours: `import { createDataManagerClient } from "@sciclients/data-manager-client"; import { useGetProjects } from "@sciclients/data-manager-client/project"; console.log(createDataManagerClient({ baseURL: "/api", retry: {} }), useGetProjects);`,
  },
  {
    name: "set-up without retry + one hook",
    ours: `import { createDataManagerClient } from "@sciclients/data-manager-client"; import { useGetProjects } from "@sciclients/data-manager-client/project"; console.log(createDataManagerClient({ baseURL: "/api" }), useGetProjects);`,
  },
  {
    name: "set-up with validation + one hook",
    ours: `import { createDataManagerClient } from "@sciclients/data-manager-client"; import { validators } from "@sciclients/data-manager-client/validation"; import { useGetProjects } from "@sciclients/data-manager-client/project"; console.log(createDataManagerClient({ baseURL: "/api", validateResponses: "warn", validators }), useGetProjects);`,
  },
  {
    name: "every hook of the project tag",
    ours: `import * as p from "@sciclients/data-manager-client/project"; console.log(p);`,
    official: `import * as p from "@squonk/data-manager-client/api/project/project"; console.log(p);`,
  },
];

async function size(contents) {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: "js" },
    bundle: true,
    minify: true,
    splitting: true,
    outdir: "out",
    write: false,
    format: "esm",
    platform: "browser",
    // Built output, as an app gets it from npm (SIZE_FROM_SOURCE=1: the sources, for quick iteration).
    conditions: [...(process.env.SIZE_FROM_SOURCE === "1" ? ["@sciclients/source"] : []), "import", "module", "browser", "default"],
    external: ["react", "react-dom", "@tanstack/react-query", "axios"],
    metafile: true,
    logLevel: "silent",
  });
  const files = new Map(result.outputFiles.map((f) => [f.path.slice(f.path.lastIndexOf("/out/") + 5), f.contents]));
  const entry = [...files.keys()].find((name) => name.startsWith("stdin"));
  // The entry and the chunks it imports statically, transitively (esbuild's metafile says which import is which).
  const outputs = result.metafile.outputs;
  const initial = new Set();
  const visit = (name) => {
    if (initial.has(name) || !files.has(name)) return;
    initial.add(name);
    for (const i of outputs[`out/${name}`]?.imports ?? [])
      if (i.kind === "import-statement" && i.path.startsWith("out/")) visit(i.path.slice(4));
  };
  visit(entry);
  const sum = (names) => names.reduce((total, name) => total + gzipSync(files.get(name)).length, 0);
  const lazy = [...files.keys()].filter((name) => !initial.has(name));
  // Minified bytes each source module leaves in the initial chunks: what esbuild kept, and where it came from.
  const kept = new Map();
  for (const name of initial) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[`out/${name}`]?.inputs ?? {})) {
      if (bytesInOutput > 0) kept.set(input, (kept.get(input) ?? 0) + bytesInOutput);
    }
  }
  const retryInitial = [...kept.keys()]
    .filter((input) => /core\/(src\/retry\.ts|dist\/retry)/.test(input))
    .reduce((n, k) => n + kept.get(k), 0);
  return { gzip: sum([...initial]), lazy: sum(lazy), kept, retryInitial };
}

const kb = (n) => `${(n / 1024).toFixed(2)} KiB`;
const why = process.argv.includes("--why");
const measured = new Map();
console.log(`${"case".padEnd(34)} ${"sciclients initial (lazy) gzip".padEnd(32)} @squonk 5.0.1 gzip`);
for (const c of cases) {
  const ours = await size(c.ours);
  const official = c.official ? await size(c.official) : undefined;
  measured.set(c.name, { ours, official });
  const lazy = ours.lazy > 0 ? ` (+${kb(ours.lazy)} lazy)` : "";
  console.log(`${c.name.padEnd(34)} ${`${kb(ours.gzip)}${lazy}`.padEnd(32)} ${official ? kb(official.gzip) : "-"}`);
  if (why) {
    const rows = [...ours.kept].sort((a, b) => b[1] - a[1]);
    for (const [input, bytes] of rows)
      console.log(`    ${String(bytes).padStart(6)} B min  ${input.replace(/^(\.\.\/)+node_modules\/\.pnpm\/[^/]+\/node_modules\//, "")}`);
  }
}

// The budgets of the shared layer, each against the official client where it has a counterpart.
const m = (name) => measured.get(name);
const bearer = m("staticBearer set-up + one hook");
const password = m("passwordGrant set-up + one hook");
const hook = m("one hook (useGetProjects)");
const withoutRetry = m("set-up without retry + one hook");
const withRetry = m("set-up with retry + one hook");
const budgets = [
  {
    name: "staticBearer set-up + one hook",
    ours: kb(bearer.ours.gzip),
    official: `${kb(bearer.official.gzip)} (with its auth interceptor)`,
    limit: `official + 2.5 KiB = ${kb(bearer.official.gzip + 2.5 * 1024)}`,
    pass: bearer.ours.gzip <= bearer.official.gzip + 2.5 * 1024,
  },
  {
    name: "passwordGrant set-up + one hook",
    ours: kb(password.ours.gzip),
    official: "- (no sign-in of its own)",
    limit: kb(6 * 1024),
    pass: password.ours.gzip <= 6 * 1024,
  },
  {
    name: "one hook alone",
    ours: kb(hook.ours.gzip),
    official: kb(hook.official.gzip),
    limit: `official + 0.8 KiB = ${kb(hook.official.gzip + 0.8 * 1024)}`,
    pass: hook.ours.gzip <= hook.official.gzip + 0.8 * 1024,
  },
  {
    name: "retry costs nothing unless used",
    // The set-up with `retry` loads the retry code on its first request; without, never.
    ours: `${withoutRetry.ours.retryInitial} B retry code up front (set-up ${kb(withoutRetry.ours.gzip)}; with \`retry\` ${kb(withRetry.ours.gzip)})`,
    official: "- (no retries)",
    limit: "0 B up front",
    pass: withoutRetry.ours.retryInitial === 0,
  },
];
console.log("\nbudgets (initial gzip; CPU per call: pnpm bench:runtime)");
const head = ["budget", "sciclients", "@squonk 5.0.1", "limit", ""];
const rows = budgets.map((b) => [b.name, b.ours, b.official, b.limit, b.pass ? "PASS" : "FAIL"]);
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const row of [head, ...rows])
  console.log(
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join("  ")
      .trimEnd(),
  );
