import { AuthError } from "./errors.js";
import type { AuthProvider, GetAuthHeadersOptions } from "./types.js";

export interface StaticBearerOptions {
  /** The header to put the token in. Default `Authorization` (sent as `Bearer <token>`). */
  header?: string;
  /** Prefix before the token when `header` is `Authorization`. Default `Bearer`. */
  scheme?: string;
}

/**
 * A fixed bearer token (for example `DSERVER_TOKEN`, or a token an app got
 * elsewhere), or a function returning the current one. A fixed token cannot be
 * renewed: when the server refuses it, the request fails once with
 * `AuthError` (`unauthorized`) and is not retried. A function is called again
 * on every request, so an app can hand over its own renewed tokens.
 */
export function staticBearer(token: string | (() => string | Promise<string>), options: StaticBearerOptions = {}): AuthProvider {
  const header = options.header ?? "Authorization";
  const scheme = options.scheme ?? "Bearer";
  let last: string | undefined = typeof token === "string" ? token : undefined;
  return {
    kind: "static",
    secrets: () => [last],
    async getAuthHeaders(opts: GetAuthHeadersOptions = {}) {
      const value = typeof token === "function" ? await token() : token;
      if (value) last = value;
      // No token, or a refused one: described by code loaded when that happens.
      if (!value || opts.forceRenewal) (await import("./static-refusals.js")).refuse(AuthError, typeof token === "function", value, opts);
      return { [header]: header.toLowerCase() === "authorization" ? `${scheme} ${value}` : value };
    },
  };
}
