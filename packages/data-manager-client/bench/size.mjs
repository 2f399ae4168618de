#!/usr/bin/env node
// `pnpm bench:size`: bytes an app pays for one Data Manager hook and for one
// plain function, ours against the official @squonk/data-manager-client,
// bundled and minified by esbuild with React, React Query and axios external
// (an app has those anyway). Prints figures; asserts nothing.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const cases = {
  "one hook (useGetProjects)": {
    ours: `import { useGetProjects } from "@sciclients/data-manager-client/project"; console.log(useGetProjects);`,
    official: `import { useGetProjects } from "@squonk/data-manager-client/api/project/project"; console.log(useGetProjects);`,
  },
  "one plain function (getProjects)": {
    ours: `import { getProjects } from "@sciclients/data-manager-client/functions"; console.log(getProjects);`,
    official: `import { getProjects } from "@squonk/data-manager-client/api/project/project"; console.log(getProjects);`,
  },
  "client set-up + one hook": {
    ours: `import { createDataManagerClient } from "@sciclients/data-manager-client"; import { staticBearer } from "@sciclients/auth"; import { useGetProjects } from "@sciclients/data-manager-client/project"; console.log(createDataManagerClient({ baseURL: "/api", auth: staticBearer("t") }), useGetProjects);`,
    official: `import { setBaseUrl, setAuthToken } from "@squonk/data-manager-client"; import { useGetProjects } from "@squonk/data-manager-client/api/project/project"; setBaseUrl("/api"); setAuthToken("t"); console.log(useGetProjects);`,
  },
  "every hook of the project tag": {
    ours: `import * as p from "@sciclients/data-manager-client/project"; console.log(p);`,
    official: `import * as p from "@squonk/data-manager-client/api/project/project"; console.log(p);`,
  },
};

async function size(contents) {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: "js" },
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    platform: "browser",
    // Built output, as an app gets it from npm (run `pnpm build` first).
    conditions: ["import", "module", "browser", "default"],
    external: ["react", "react-dom", "@tanstack/react-query", "axios"],
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0].contents;
  return { min: bytes.length, gzip: gzipSync(bytes).length };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log("case".padEnd(36), "sciclients (min / gzip)".padEnd(26), "@squonk 5.0.1 (min / gzip)");
for (const [name, { ours, official }] of Object.entries(cases)) {
  const [a, b] = await Promise.all([size(ours), size(official)]);
  console.log(name.padEnd(36), `${kb(a.min)} / ${kb(a.gzip)}`.padEnd(26), `${kb(b.min)} / ${kb(b.gzip)}`);
}
