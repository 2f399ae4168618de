// The rule that keeps lazily loaded code out of an app's first chunk, as the
// tests of core and auth check it. esbuild splits by module: a module loaded
// with import() that imports a module the entries reach too moves that module
// (with all it uses) into a chunk an app's first load fetches. So lazy modules
// import types, packages and modules only lazy modules reach.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** The run-time static imports (not `import type`) and the `import()` targets of a source file, as file names in `src`. */
function runTimeImports(src: string, file: string): { statics: string[]; dynamics: string[] } {
  const text = readFileSync(join(src, file), "utf8");
  const local = (spec: string) => relative(src, join(src, file, "..", spec.replace(/\.js$/, ".ts")));
  const statics = [...text.matchAll(/^(?:import|export) (?!type )[^;]*?from "(\.[^"]+)"/gm)].map((m) => local(m[1] as string));
  const dynamics = [...text.matchAll(/import\("(\.[^"]+)"\)/g)].map((m) => local(m[1] as string));
  return { statics, dynamics };
}

export interface LazyChunks {
  /** What the entries reach through static imports. */
  reached: Set<string>;
  /** The modules loaded with import(), by the entries' modules or by lazy ones. */
  lazy: Set<string>;
  /** The lazy modules and every module they import statically. */
  lazySide: Set<string>;
  /** Each static import of a lazy-side module: [importer, imported]. */
  lazyImports: [string, string][];
}

/** The import graph of the sources in `src` from `entries` (file names there), split as esbuild splits it. */
export function lazyChunks(src: string, entries: string[]): LazyChunks {
  const reached = new Set<string>();
  const lazy = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    const { statics, dynamics } = runTimeImports(src, file);
    for (const target of dynamics) lazy.add(target);
    for (const target of statics) visit(target);
  };
  for (const entry of entries) visit(entry);
  const lazySide = new Set<string>();
  const lazyImports: [string, string][] = [];
  const visitLazy = (file: string) => {
    if (lazySide.has(file)) return;
    lazySide.add(file);
    const { statics, dynamics } = runTimeImports(src, file);
    for (const target of statics) {
      lazyImports.push([file, target]);
      visitLazy(target);
    }
    for (const target of dynamics) {
      lazy.add(target);
      visitLazy(target);
    }
  };
  for (const file of [...lazy]) visitLazy(file);
  return { reached, lazy, lazySide, lazyImports };
}
