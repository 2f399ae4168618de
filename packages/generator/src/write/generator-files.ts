// Which files of the generator shape the generated code. Two things follow them:
// the stamps of `pnpm generate` (write/stamps.ts) and the inputs of each client's
// turbo `generate` task (scaffold/scaffold.ts). The specs tools (specs/), the
// scaffolding and the command line's catalogue are not among them.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { packageDir, repoRoot } from "../paths.ts";

/** The folders of src/ the pipeline runs from, besides src/*.ts itself. */
export const PIPELINE_FOLDERS = ["manifest", "prepare", "generate", "finish", "write"] as const;

/** The files beside them that run every generation: the entry script, the launcher, the package's pins, the command. */
const ENTRY_FILES = ["scripts/generate.mjs", "packages/generator/launch.mjs", "packages/generator/package.json"];
const COMMAND = "packages/generator/src/commands/generate.ts";

/** The same as turbo input globs (relative to the repository root), after the manifest. */
export const GENERATOR_INPUT_GLOBS: readonly string[] = [
  ...ENTRY_FILES,
  "packages/generator/src/*.ts",
  COMMAND,
  ...PIPELINE_FOLDERS.map((folder) => `packages/generator/src/${folder}/**`),
  "!packages/generator/src/**/*.test.ts",
];

const isSource = (name: string) => name.endsWith(".ts") && !name.endsWith(".test.ts");

async function sourcesIn(dir: string, recursive: boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return recursive ? sourcesIn(file, true) : [];
      return isSource(entry.name) ? [file] : [];
    }),
  );
  return nested.flat();
}

/** The files of the generator itself (absolute, sorted): a change to any of them regenerates every service. */
export async function generatorFiles(): Promise<string[]> {
  const src = path.join(packageDir, "src");
  const files = [
    ...ENTRY_FILES.map((file) => path.join(repoRoot, file)),
    path.join(repoRoot, COMMAND),
    ...(await sourcesIn(src, false)),
    ...(await Promise.all(PIPELINE_FOLDERS.map((folder) => sourcesIn(path.join(src, folder), true)))).flat(),
  ];
  return files.sort();
}
