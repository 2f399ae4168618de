// What a webpack build put in its bundle, read from its stats (`--json`): the
// modules that exist only to stand in for Node in a browser, and who imported them.

/** A module as webpack's stats JSON lists it; concatenated modules list their parts. */
export interface StatsModule {
  identifier?: string;
  name?: string;
  modules?: StatsModule[];
  reasons?: { moduleIdentifier?: string | null; moduleName?: string | null }[];
}

export interface NodeOnlyModule {
  /** As webpack names it: a path relative to the build's folder, or "<built-in> (ignored)". */
  name: string;
  /** The absolute paths of the modules that import it. */
  importers: string[];
}

/** npm packages that polyfill Node for browsers (buffer's own dependencies too). */
const POLYFILLS =
  /\/node_modules\/(buffer|process|base64-js|ieee754|events|util|path-browserify|stream-browserify|stream-http|https-browserify|crypto-browserify|os-browserify|browserify-zlib|url|querystring-es3|string_decoder|assert|timers-browserify|tty-browserify|vm-browserify|punycode|constants-browserify|domain-browser)\//;

function flatten(modules: StatsModule[]): StatsModule[] {
  return modules.flatMap((m) => [m, ...flatten(m.modules ?? [])]);
}

/** The file of a module identifier ("javascript/esm|/path/file.js" or "/path/file.js"; loaders before "!"). */
const fileOf = (identifier: string) => (identifier.split("!").pop() ?? "").replace(/^[a-z/]+\|/, "");

/**
 * Every polyfill module and every Node built-in (resolved to nothing: webpack
 * names it "… (ignored)") in the build, with the modules that import it.
 */
export function nodeOnlyModules(stats: { modules?: StatsModule[] }): NodeOnlyModule[] {
  const found = new Map<string, Set<string>>();
  for (const module of flatten(stats.modules ?? [])) {
    const id = module.identifier ?? "";
    const name = module.name ?? id;
    const ignored = id.startsWith("ignored|") || name.endsWith("(ignored)");
    if (!ignored && !POLYFILLS.test(fileOf(id))) continue;
    const importers = found.get(name) ?? new Set<string>();
    for (const reason of module.reasons ?? []) if (reason.moduleIdentifier) importers.add(fileOf(reason.moduleIdentifier));
    found.set(name, importers);
  }
  return [...found].map(([name, importers]) => ({ name, importers: [...importers].sort() })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Those of `modules` that a module under one of `folders` imports (a polyfill's own parts import each other). */
export function importedFrom(modules: NodeOnlyModule[], folders: RegExp): NodeOnlyModule[] {
  return modules.filter((m) => m.importers.some((importer) => folders.test(importer)));
}
