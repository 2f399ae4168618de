import { AuthError } from "./errors.js";
import type { AuthProvider, GetAuthHeadersOptions } from "./types.js";
import { headersCarry } from "./util.js";

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
      if (!value) {
        throw new AuthError(
          typeof token === "function"
            ? "The token function given to staticBearer returned no token: it must return the current access token"
            : "staticBearer was given an empty token: pass the access token (for example from an environment variable that is set)",
          { code: "no_credentials", provider: "static" },
        );
      }
      last = value;
      if (opts.forceRenewal && (typeof token !== "function" || headersCarry(opts.refusedHeaders, value))) {
        const status = opts.refusedStatus ?? 401;
        throw new AuthError(`The API refused the bearer token (HTTP ${status}), and a fixed token cannot be renewed`, {
          code: "unauthorized",
          provider: "static",
          status,
          secrets: [value],
        });
      }
      return { [header]: header.toLowerCase() === "authorization" ? `${scheme} ${value}` : value };
    },
  };
}
