// orval 7.13 handles a mutator (the requester, the encoders, the mutation options:
// generate/orval.ts) once per operation that uses it: @orval/core's
// generateMutator reads the file again (`fs-extra` readFile) and parses its
// bundle again (`acorn.Parser.parse`), about 750 times for DSS's 301 operations
// (0.25-0.3 s). Nothing in orval's configuration turns that off, and the bundle
// is cached by orval itself already. During one generate call the mutator files
// do not change (the pipeline wrote them before), so while it runs, those two
// calls answer from a memo: the same text for the same mutator file, the same
// syntax tree for the same source text (orval only reads the tree). Both are
// restored when the call ends, and every other file or caller goes through as before.
import { existsSync } from "node:fs";
import { Module } from "node:module";
import path from "node:path";
import { requireTool } from "../paths.ts";
import { orvalCore } from "./orval-tools.ts";

type Parse = (input: string, options?: { ecmaVersion?: unknown }) => unknown;
type ReadFile = (file: unknown, ...rest: unknown[]) => unknown;

/** The acorn and fs-extra modules @orval/core itself requires. */
function coreModules(): { acorn: { Parser: { parse: Parse } }; fsExtra: { readFile: ReadFile } } {
  const coreRequire = Module.createRequire(requireTool.resolve("@orval/core"));
  return { acorn: coreRequire("acorn"), fsExtra: coreRequire("fs-extra") };
}

/** Runs `run` (an orval generate call) with the mutator files in `mutators` read and parsed once. */
export async function withMutatorMemo<T>(mutators: readonly string[], run: () => Promise<T>): Promise<T> {
  const { acorn, fsExtra } = coreModules();
  const parser = acorn.Parser;
  const parse = parser.parse;
  const readFile = fsExtra.readFile;
  const files = new Set(mutators.map((file) => path.resolve(file)));
  const texts = new Map<string, Promise<unknown>>();
  const trees = new Map<string, unknown>();

  parser.parse = function (this: unknown, input, options) {
    // Only acorn's own parser (a plugin's subclass inherits this static method), as orval calls it.
    const plain = options === undefined || Object.keys(options).every((key) => key === "ecmaVersion");
    if (this !== parser || typeof input !== "string" || !plain) return parse.call(this, input, options);
    const key = `${String(options?.ecmaVersion)}\0${input}`;
    if (!trees.has(key)) trees.set(key, parse.call(this, input, options));
    return trees.get(key);
  };
  fsExtra.readFile = function (this: unknown, file, ...rest) {
    // orval reads a mutator as `readFile(path, "utf8")` and awaits it; anything else goes through.
    const wanted = typeof file === "string" && rest.length === 1 && rest[0] === "utf8" && files.has(path.resolve(file));
    if (!wanted) return readFile.call(this, file, ...rest);
    const key = path.resolve(file);
    let text = texts.get(key);
    if (!text) {
      text = Promise.resolve(readFile.call(this, file, "utf8"));
      // A failed read is not kept: the next one tries again, as orval would.
      text.catch(() => texts.delete(key));
      texts.set(key, text);
    }
    return text;
  };
  try {
    return await run();
  } finally {
    parser.parse = parse;
    fsExtra.readFile = readFile;
  }
}

/** Whether orval would find a tsconfig.json or jsconfig.json for `workspace` (it looks upwards from there, as find-up does). */
function orvalFindsTsconfig(workspace: string): boolean {
  for (let dir = path.resolve(workspace); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "tsconfig.json")) || existsSync(path.join(dir, "jsconfig.json"))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

/**
 * Starts orval's bundling of the mutator files (esbuild, with its service process) before
 * orval asks for them: orval makes each bundle the first time an operation uses that file,
 * one after another, and its main thread waits meanwhile (about 0.1 s); started first, they
 * are made side by side while orval reads the document. It is the call orval makes, with
 * the options it passes (`loadFile` keeps the result by path, error or not), and only where
 * orval passes no tsconfig: with one, it is left to orval.
 */
export async function prebundleMutators(mutators: readonly string[], workspace: string): Promise<void> {
  if (orvalFindsTsconfig(workspace)) return;
  const { loadFile } = orvalCore();
  // loadFile answers a failure as { error }; orval reports it when it asks.
  await Promise.all([...new Set(mutators)].map((file) => loadFile(file, { isDefault: false, root: workspace, load: false })));
}
