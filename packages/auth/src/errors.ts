// AuthError lives in @sciclients/core, so that clients can name it (their hooks'
// error type) without depending on auth; it is re-exported here unchanged.
import { redactSecrets } from "@sciclients/core";

export {
  AuthError,
  type AuthErrorCode,
  type AuthErrorOptions,
  isAuthError,
  type SafeCause,
  safeCause,
} from "@sciclients/core";

/**
 * Removes every given secret from a text, and anything shaped like a JWT.
 * Ordinary words are left alone ("token", "bearer" and "password" stay).
 */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  return redactSecrets(text, secrets);
}
