#!/usr/bin/env node
// `pnpm bench:size`: bytes an app pays for sciclients against the official
// @squonk/data-manager-client 5.0.1, bundled and minified by esbuild with
// React, React Query and axios external (an app has those anyway), code
// splitting on as in an app's bundler. "initial" is what the page loads up
// front (the entry and the chunks it imports statically); "lazy" is what
// loads on first use (OAuth for a grant, the retry code for `retry`). The
// "without retry" case is also the set-up without response validation, for
// the "with validation" one.
// Prints figures; asserts nothing. Run `pnpm build` first (the root script does).
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

// What apps of the official client write to send a token they renew themselves.
const officialInterceptor = `AXIOS_INSTANCE.interceptors.request.use(async (config) => { const token = await getToken(); if (token) config.headers.Authorization = "Bearer " + token; return config; });
AXIOS_INSTANCE.interceptors.response.use(undefined, async (error) => { if (error.response?.status === 401 && !error.config.__retried) { error.config.__retried = true; await renew(); return AXIOS_INSTANCE.request(error.config); } throw error; });`;

const cases = [
  {
    name: "one hook (useGetProjects)",
    budget: "official + 0.8 KiB",
    limit: (official) => official + 0.8 * 1024,
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
    budget: "official + 2.5 KiB",
    limit: (official) => official + 2.5 * 1024,
    ours: `import { createDataManagerClient } from "@sciclients/data-manager-client"; import { staticBearer } from "@sciclients/auth"; import { useGetProjects } from "@sciclients/data-manager-client/project"; console.log(createDataManagerClient({ baseURL: "/api", auth: staticBearer("t") }), useGetProjects);`,
    official: `import { setBaseUrl, AXIOS_INSTANCE } from "@squonk/data-manager-client"; import { useGetProjects } from "@squonk/data-manager-client/api/project/project"; const getToken = async () => "t"; const renew = async () => {}; setBaseUrl("/api"); ${officialInterceptor} console.log(useGetProjects);`,
  },
  {
    name: "passwordGrant set-up + one hook",
    budget: "6 KiB",
    limit: () => 6 * 1024,
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
    // Built output, as an app gets it from npm.
    conditions: ["import", "module", "browser", "default"],
    external: ["react", "react-dom", "@tanstack/react-query", "axios"],
    metafile: true,
    logLevel: "silent",
  });
  const files = new Map(result.outputFiles.map((f) => [f.path.slice(f.path.lastIndexOf("/out/") + 5), f.contents]));
  const entry = [...files.keys()].find((name) => name.startsWith("stdin"));
  // The entry and the chunks it imports statically, transitively.
  const initial = new Set();
  const visit = (name) => {
    if (initial.has(name) || !files.has(name)) return;
    initial.add(name);
    const text = new TextDecoder().decode(files.get(name));
    for (const m of text.matchAll(/(?:^|[;}])\s*import\s*(?:[\w${},*\s]+from\s*)?"\.\/([^"]+)"/g)) visit(m[1]);
  };
  visit(entry);
  const sum = (names) => names.reduce((total, name) => total + gzipSync(files.get(name)).length, 0);
  const lazy = [...files.keys()].filter((name) => !initial.has(name));
  const initialText = [...initial].map((name) => new TextDecoder().decode(files.get(name))).join("");
  return { gzip: sum([...initial]), lazy: sum(lazy), retryInitial: /Retry-After|retry-after/.test(initialText) };
}

const kb = (n) => `${(n / 1024).toFixed(2)} KiB`;
console.log(`${"case".padEnd(34)} ${"sciclients initial (lazy) gzip".padEnd(32)} ${"@squonk 5.0.1 gzip".padEnd(20)} budget`);
for (const c of cases) {
  const ours = await size(c.ours);
  const official = c.official ? await size(c.official) : undefined;
  const limit = c.limit?.(official?.gzip ?? 0);
  const verdict = limit === undefined ? "" : `${c.budget}: ${ours.gzip <= limit ? "within" : "OVER"} (${kb(limit)})`;
  const lazy = ours.lazy > 0 ? ` (+${kb(ours.lazy)} lazy)` : "";
  const retry = c.name.includes("retry") ? ` retry code up front: ${ours.retryInitial ? "yes" : "no"}` : "";
  console.log(
    `${c.name.padEnd(34)} ${`${kb(ours.gzip)}${lazy}`.padEnd(32)} ${(official ? kb(official.gzip) : "-").padEnd(20)} ${verdict}${retry}`,
  );
}
