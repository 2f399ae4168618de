// What the code needs to know of the runtime, asked through globalThis so that
// bundlers see no bare `process` to fill with a polyfill in browser builds.
type Runtime = { process?: { versions?: { node?: string } }; window?: unknown };

/** True in Node (not in a browser, nor in a browser-like test environment). */
export function inNode(): boolean {
  const runtime = globalThis as Runtime;
  return typeof runtime.process?.versions?.node === "string" && runtime.window === undefined;
}
