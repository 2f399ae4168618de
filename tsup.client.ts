// Shared tsup build of a generated client package: one entry for the root
// (types and client factory), one per tag, ./mocks, ./schema and, when the
// package has settings resolvers, ./node; ESM and CJS, each with its own
// declaration files.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Options } from "tsup";

export function clientBuild(packageDir: string): Options {
  const endpoints = path.join(packageDir, "src/generated/endpoints");
  const tags = readdirSync(endpoints, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  return {
    entry: {
      index: "src/index.ts",
      mocks: "src/mocks.ts",
      functions: "src/generated/functions.ts",
      schema: "src/schema.ts",
      ...(existsSync(path.join(packageDir, "src/node.ts")) ? { node: "src/node.ts" } : {}),
      ...Object.fromEntries(tags.map((tag) => [tag, `src/generated/endpoints/${tag}/${tag}.ts`])),
    },
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    splitting: true,
    sourcemap: false,
    target: "es2022",
    treeshake: true,
    // ./mocks needs these at run time; tests and demos install them, apps never bundle them.
    external: ["msw", "@faker-js/faker"],
  };
}
