// Path parameters are percent-encoded, but `.` and `..` (and the empty string)
// survive encoding and URL parsing resolves them: `/projects/P/datasets/..`
// becomes `/projects/P/`. Such a value is refused before anything is sent.

/** Empty, ".", "..", or the same with dots percent-encoded in any case. */
const DOT_SEGMENT = /^(?:\.|%2e){0,2}$/i;
/** Marks a refused parameter in the URL; a percent-encoded value never contains NUL, so it cannot be mistaken. */
const MARK = "\u0000";

/**
 * What generated code puts in the URL for a path parameter: the value
 * percent-encoded, or, for a value that would change which resource the path
 * names, a mark the requester refuses (naming the operation and the parameter).
 */
export function pathParameter(value: unknown, name: string): string {
  const text = String(value);
  return DOT_SEGMENT.test(text) ? `${MARK}${name}${MARK}` : encodeURIComponent(text);
}
