// Write: the client package's exports, one subpath per tag.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
/** The package's `exports`: root (types, client factory), one subpath per tag, ./functions, ./mocks, ./react (the provider), ./schema and ./validation. */
export async function writeExports(pkgDir: string, tags: string[]): Promise<void> {
  const file = path.join(pkgDir, "package.json");
  const pkg: { exports?: unknown; publishConfig?: Record<string, unknown> } = JSON.parse(await readFile(file, "utf8"));
  // "@sciclients/source" lets the workspace's type-checks and tests use the
  // sources without a build; published consumers never set that condition.
  const entry = (name: string, source = `./src/${name}.ts`) => ({
    "@sciclients/source": source,
    import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
    require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
  });
  pkg.exports = {
    ".": entry("index"),
    ...Object.fromEntries(tags.map((t) => [`./${t}`, entry(t, `./src/generated/endpoints/${t}/${t}.ts`)])),
    "./functions": entry("functions", "./src/generated/functions.ts"),
    "./mocks": entry("mocks"),
    "./react": entry("react", "./src/generated/provider.ts"),
    "./schema": entry("schema"),
    "./validation": entry("validation", "./src/generated/validation.ts"),
    // Settings resolvers for Node, when the package has them (they need @sciclients/auth).
    ...(existsSync(path.join(pkgDir, "src/node.ts")) ? { "./node": entry("node") } : {}),
    "./package.json": "./package.json",
  };
  // What is published has no sources: `pnpm pack` and `pnpm publish` put these
  // exports, without the workspace-only condition, in the packed package.json.
  pkg.publishConfig = { ...pkg.publishConfig, exports: withoutSourceCondition(pkg.exports) };
  await writeFile(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

/** An exports map without its "@sciclients/source" entries. */
function withoutSourceCondition(exports: unknown): unknown {
  if (typeof exports !== "object" || exports === null) return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([key]) => key !== "@sciclients/source")
      .map(([key, value]) => [key, withoutSourceCondition(value)]),
  );
}
