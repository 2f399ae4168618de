// What the pipeline redacts in what a request left behind: URLs by shape
// (user info, credential query values, token path segments, JWTs) and every
// string of a parsed body. The values themselves are taken out by
// redactSecrets (redact.ts), which lazy modules are lent. Only lazy modules
// (dispatch.ts, failures.ts, retry.ts) use this one, so it imports nothing the
// package's entries reach (see pipeline.ts) and stays out of the chunk an app
// loads first.

/** Query parameters whose values are credentials in the services we cover. */
const SECRET_PARAMS =
  /^(token|access_token|refresh_token|id_token|api_?key|apikey|key|password|secret|client_secret|code|ticket|signature|x-amz-signature|x-amz-credential|x-amz-security-token|sig)$/i;

/** A JSON Web Token, as redact.ts has it: this module shares no code with the entries. */
const JWT = /\beyJ[\w-]*\.[\w-]*\.[\w-]*/g;

/** Hides user info, credential query values, path segments after a `token` segment, and JWTs in a URL. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw
      .replace(/(\/tokens?\/)[^/?#]+/gi, "$1REDACTED")
      .replace(/([?&][^=&#]*(?:token|key|password|secret|signature)[^=&#]*=)[^&#]*/gi, "$1REDACTED")
      .replace(JWT, "[REDACTED]");
  }
  if (url.username || url.password) {
    url.username = url.username ? "REDACTED" : "";
    url.password = "";
  }
  // Path segments that follow a `token` segment are tokens themselves
  // (Squonk2: DELETE /instance/{id}/token/{token}).
  url.pathname = url.pathname.replace(/(\/tokens?\/)[^/]+/gi, "$1REDACTED");
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAMS.test(name)) url.searchParams.set(name, "REDACTED");
  }
  return url.toString().replace(JWT, "[REDACTED]");
}

/** `value` with `redact` applied to every string inside it (plain objects and arrays, to a sane depth). */
export function redactStrings<T>(value: T, redact: (text: string) => string, depth = 0): T {
  if (typeof value === "string") return redact(value) as T;
  if (value === null || typeof value !== "object" || depth > 20) return value;
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redact, depth + 1)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactStrings(item, redact, depth + 1);
  return out as T;
}
