// What the code needs to know of the runtime, asked through globalThis so that
// bundlers see no bare `process` to fill with a polyfill in browser builds.
type Runtime = { process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown }; window?: unknown };

/** True in Node (not in a browser, nor in a browser-like test environment). */
export function inNode(): boolean {
  const runtime = globalThis as Runtime;
  return typeof runtime.process?.versions?.node === "string" && runtime.window === undefined;
}

/** A Node built-in module (`node:http`…), loaded without an import that bundlers would follow. */
export function nodeBuiltin<T>(id: string): T {
  return (globalThis as Runtime).process?.getBuiltinModule?.(id) as T;
}
