// Where the generator and the repository it generates into live. The launcher
// (../launch.mjs) runs a bundle of these sources from a cache folder, so
// `import.meta.url` cannot say where the package is: the launcher records it in
// SCICLIENTS_GENERATOR_DIR first. Tests load the sources themselves, whose own
// location says it.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** packages/generator. */
export const packageDir = path.resolve(
  process.env.SCICLIENTS_GENERATOR_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."),
);

/** The repository (or the throw-away copy of it that a test made). */
export const repoRoot = path.resolve(packageDir, "../..");

/** The launcher; worker threads and processes the generator starts run it too. */
export const launcher = path.join(packageDir, "launch.mjs");

/**
 * orval, @orval/core and openapi-typescript (with TypeScript) are loaded with
 * `require`: importing CommonJS from ESM makes Node scan every module for its
 * export names, which for TypeScript's 9 MB file costs more than loading it.
 */
export const requireTool = createRequire(path.join(packageDir, "package.json"));
