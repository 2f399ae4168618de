// Shared tsup build of a generated client package: one entry for the root
// (types and client factory), one per tag, ./mocks, ./react, ./schema, ./validation and, when the
// package has settings resolvers, ./node; ESM and CJS, each with its own
// declaration files.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Options } from "tsup";

/**
 * The names the generated mocks import from their optional peers. A name missing
 * here fails the build with "No matching export in "optional-peer:…"": add it.
 */
const MOCK_PEER_IMPORTS: Record<string, string[]> = {
  msw: ["http", "HttpResponse", "delay"],
  "@faker-js/faker": ["faker"],
};

/**
 * ./mocks reaches msw and faker through this plugin's stand-in modules, which
 * read them with namespace imports (`peer.faker`), never named ones. For an
 * optional peer dependency that is not installed, Vite bundles a module that
 * throws "Could not resolve "@faker-js/faker" imported by "<package>". Is it
 * installed?"; a named import from it would fail the app's whole build with a
 * missing-export error instead. In the CommonJS build, where a missing package
 * can be caught, the stand-in says what to install.
 */
function optionalPeerImports(packageName: string): NonNullable<Options["esbuildPlugins"]>[number] {
  const peers = Object.keys(MOCK_PEER_IMPORTS);
  const filter = new RegExp(`^(${peers.map((name) => name.replace(/[/.]/g, "\\$&")).join("|")})$`);
  const hint = `${packageName}/mocks needs ${peers.join(" and ")}: npm i -D ${peers.join(" ")}`;
  return {
    name: "optional-peer-imports",
    setup(build) {
      // tsup builds its CommonJS output through esbuild's ESM format: its define says which it is.
      const commonJs = build.initialOptions.define?.TSUP_FORMAT === JSON.stringify("cjs");
      build.onResolve({ filter }, (args) =>
        args.namespace === "optional-peer" ? { path: args.path, external: true } : { path: args.path, namespace: "optional-peer" },
      );
      build.onLoad({ filter: /.*/, namespace: "optional-peer" }, (args) => {
        const name = JSON.stringify(args.path);
        const load = commonJs
          ? [
              "let peer;",
              `try { peer = require(${name}); } catch (cause) {`,
              // Only the peer itself missing, not a module it needs.
              `  if (!String(cause?.message).startsWith(${JSON.stringify(`Cannot find module '${args.path}'`)})) throw cause;`,
              `  throw new Error(${JSON.stringify(`${hint} (${args.path} is not installed)`)}, { cause });`,
              "}",
            ]
          : [`import * as peer from ${name};`];
        const names = MOCK_PEER_IMPORTS[args.path] ?? [];
        return { contents: [...load, ...names.map((n) => `export const ${n} = peer.${n};`)].join("\n"), loader: "js" };
      });
    },
  };
}

export function clientBuild(packageDir: string): Options {
  const { name } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { name: string };
  const endpoints = path.join(packageDir, "src/generated/endpoints");
  const tags = readdirSync(endpoints, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  return {
    entry: {
      index: "src/index.ts",
      mocks: "src/mocks.ts",
      react: "src/generated/provider.ts",
      functions: "src/generated/functions.ts",
      schema: "src/schema.ts",
      validation: "src/generated/validation.ts",
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
    // ./mocks needs msw and faker at run time; tests and demos install them, apps never
    // bundle them. optionalPeerImports keeps them external; tsup's own external
    // handling (it runs first) must leave the bare names to it.
    noExternal: Object.keys(MOCK_PEER_IMPORTS).map((name) => new RegExp(`^${name.replace(/[/.]/g, "\\$&")}$`)),
    esbuildPlugins: [optionalPeerImports(name)],
  };
}
