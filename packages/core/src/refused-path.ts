// Reading the marks pathParameter (path.ts) puts around a refused path
// parameter. Only the modules that load on first use read them, and path.ts
// is in every app's first chunk, so the mark is written twice rather than
// imported (an import would join the two modules' chunks); the refusal tests
// fail if the two differ.
const MARK = "\u0000";

/** The name of the first refused path parameter in a URL built with pathParameter (path.ts). */
export function refusedPathParameter(url: string | undefined): string | undefined {
  if (!url?.includes(MARK)) return undefined;
  return url.split(MARK)[1];
}

/** The URL with each refused parameter shown as its template (`{name}`). */
export function pathTemplate(url: string): string {
  return url
    .split(MARK)
    .map((part, index) => (index % 2 === 1 ? `{${part}}` : part))
    .join("");
}
