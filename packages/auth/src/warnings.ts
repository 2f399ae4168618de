// Warnings go to the console once per process: a provider that reads a corrupt
// token file three times in one sign-in, or a script that resolves its settings
// in a loop, should not repeat itself.

const PRINTED = Symbol.for("@sciclients/auth/printed-warnings");

/** Shared by every copy of this module in the process (ESM and CJS builds, duplicated installs). */
function printed(): Set<string> {
  const holder = globalThis as { [PRINTED]?: Set<string> };
  holder[PRINTED] ??= new Set<string>();
  return holder[PRINTED];
}

/**
 * The default `onWarning` of every provider, store and settings resolver:
 * `console.warn` with the package's prefix, each distinct message only once in the process lifetime.
 */
export function warnOnce(message: string): void {
  const seen = printed();
  if (seen.has(message)) return;
  seen.add(message);
  console.warn(`[@sciclients/auth] ${message}`);
}
