import { AuthError } from "./errors.js";
import type { AuthProvider, GetAuthHeadersOptions } from "./types.js";
import { base64Utf8 } from "./util.js";

export interface ApiKeyOptions {
  /**
   * How the key is sent:
   * - `basic` (default): HTTP Basic with the key as user name and an empty password (Dataiku DSS's official client);
   * - `bearer`: `Authorization: Bearer <key>` (DSS 13+);
   * - `header`: the key alone in `headerName`.
   */
  scheme?: "basic" | "bearer" | "header";
  /** Header for `scheme: "header"` (default `X-Api-Key`). */
  headerName?: string;
}

/**
 * A fixed API key (Dataiku DSS and similar). Keys cannot be renewed: when
 * the server refuses one, the request fails once with `AuthError` (`unauthorized`).
 */
export function apiKey(key: string, options: ApiKeyOptions = {}): AuthProvider {
  if (!key) {
    throw new AuthError("apiKey was given an empty key: pass the API key (for example from an environment variable that is set)", {
      code: "no_credentials",
      provider: "api-key",
    });
  }
  const scheme = options.scheme ?? "basic";
  let headers: Record<string, string>;
  switch (scheme) {
    case "basic":
      headers = { Authorization: `Basic ${base64Utf8(`${key}:`)}` };
      break;
    case "bearer":
      headers = { Authorization: `Bearer ${key}` };
      break;
    case "header":
      headers = { [options.headerName ?? "X-Api-Key"]: key };
      break;
    default:
      throw new AuthError(`Unknown API key scheme "${String(scheme)}" (use basic, bearer or header)`, {
        code: "configuration",
        provider: "api-key",
      });
  }
  return {
    kind: "api-key",
    secrets: () => [key],
    async getAuthHeaders(opts: GetAuthHeadersOptions = {}) {
      if (opts.forceRenewal) {
        const status = opts.refusedStatus ?? 401;
        throw new AuthError(`The API refused the API key (HTTP ${status}), and a fixed key cannot be renewed`, {
          code: "unauthorized",
          provider: "api-key",
          status,
          secrets: [key, ...Object.values(headers)],
        });
      }
      return { ...headers };
    },
  };
}

/** Dataiku DSS API key; same as {@link apiKey} (HTTP Basic by default). */
export const dssApiKey = apiKey;
