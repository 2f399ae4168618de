// What staticBearer says when it has no token to send, or when the API refused
// a token that cannot be renewed. Loaded when that happens, so that an app's
// first chunk carries only the provider itself. It imports types and modules
// only lazy modules import, and is handed AuthError (see token-keeper.ts for why).
import type { AuthError as AuthErrorClass } from "./errors.js";
import { headersCarry } from "./refused-headers.js";
import type { GetAuthHeadersOptions } from "./types.js";

/**
 * Throws the AuthError for a missing `value` or for a refusal, unless the
 * refused request carried an older token than the one a token function has
 * returned since (that one is then sent).
 */
export function refuse(
  AuthError: typeof AuthErrorClass,
  fromFunction: boolean,
  value: string | undefined,
  options: GetAuthHeadersOptions,
): void {
  if (!value) {
    throw new AuthError(
      fromFunction
        ? "The token function given to staticBearer returned no token: it must return the current access token"
        : "staticBearer was given an empty token: pass the access token (for example from an environment variable that is set)",
      { code: "no_credentials", provider: "static" },
    );
  }
  if (fromFunction && !headersCarry(options.refusedHeaders, value)) return;
  const status = options.refusedStatus ?? 401;
  throw new AuthError(`The API refused the bearer token (HTTP ${status}), and a fixed token cannot be renewed`, {
    code: "unauthorized",
    provider: "static",
    status,
    secrets: [value],
  });
}
