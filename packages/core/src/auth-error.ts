import { redactSecrets } from "./redact.js";

/** Machine-readable reasons an {@link AuthError} can carry. */
export type AuthErrorCode =
  /** The OpenID provider did not accept the client ID or client secret (OAuth `invalid_client`, `unauthorized_client`). */
  | "invalid_client"
  /** The username and password, refresh token or device code were not accepted (OAuth `invalid_grant`; the dserver token generator's refusal). */
  | "invalid_grant"
  /** No credentials, or empty ones, were given; the message says how to supply them. */
  | "no_credentials"
  /** The token endpoint / generator / issuer answered an error without a more specific code; `status` is set. */
  | "token_request_failed"
  /** The token endpoint / generator / issuer answered something that is not what it should (no token, not JSON). */
  | "invalid_response"
  /** The token endpoint / generator / issuer could not be reached. */
  | "network_error"
  /** The token endpoint / generator / issuer sent no answer in time. */
  | "timeout"
  /** The API refused the credentials (HTTP 401, or an answer `credentialsRefused` names) and renewing them did not help, or they cannot be renewed. */
  | "unauthorized"
  /** A device sign-in was denied by the user. */
  | "access_denied"
  /** A device sign-in was not completed before its code expired. */
  | "expired"
  /** The caller aborted the sign-in or the request. */
  | "aborted"
  /** A setting is missing or malformed (other than the credentials themselves). */
  | "configuration"
  /** A token store could not be written or locked (`FileTokenStore`: the message names the file). */
  | "store_error";

export interface AuthErrorOptions {
  code: AuthErrorCode;
  /** Which provider failed, e.g. `"password"`, `"device"`, `"dserver-token-generator"`. */
  provider?: string;
  /** The HTTP status of the failing token / API answer, when there was one. */
  status?: number;
  /** The OAuth `error` code of the failing answer, when there was one. */
  oauthError?: string;
  /** The underlying error. It is reduced to a secret-free summary (see {@link safeCause}). */
  cause?: unknown;
  /** The service a setting or request belongs to (`dserver`, `squonk2`, `dss`, `iceprod`). */
  service?: string;
  /** The environment variable or config-file key at fault, for configuration errors. */
  setting?: string;
  /** Values that must never appear in the error (the credentials involved). */
  secrets?: readonly (string | undefined)[];
}

/** A secret-free summary of an underlying error, kept as {@link AuthError.cause}. */
export interface SafeCause {
  name: string;
  message: string;
  code?: string;
  status?: number;
  oauthError?: string;
}

const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * Reduces any thrown value to a plain summary (name, message, code, status,
 * OAuth error) with the given secrets taken out (an AuthError's summary is its
 * own fields). Axios errors, fetch responses and library errors keep request
 * headers and bodies; this summary never does.
 */
export function safeCause(error: unknown, secrets: readonly (string | undefined)[] = []): SafeCause | undefined {
  if (error === undefined || error === null) return undefined;
  const out: SafeCause = {
    name: text(field(error, "name")) ?? (typeof error === "object" ? "Error" : typeof error),
    message: redactSecrets(text(field(error, "message")) ?? (typeof error === "string" ? error : ""), secrets),
  };
  const code = text(field(error, "code"));
  if (code !== undefined) out.code = redactSecrets(code, secrets);
  const status = field(error, "status") ?? field(field(error, "response"), "status");
  if (typeof status === "number") out.status = status;
  // OAuth libraries' errors carry it as `error`; an AuthError as `oauthError`.
  const oauthError = text(field(error, "error") ?? field(error, "oauthError"));
  if (oauthError !== undefined) out.oauthError = redactSecrets(oauthError, secrets);
  return out;
}

/**
 * What AuthError and ApiError share: the message without the given secrets, the
 * cause reduced to a {@link SafeCause}, and `toJSON()` of the error's own fields.
 */
export abstract class RedactingError<TJSON = Record<string, unknown>> extends Error {
  declare readonly cause: SafeCause | undefined;

  constructor(message: string, cause: unknown, secrets: readonly (string | undefined)[]) {
    const safe = safeCause(cause, secrets);
    super(redactSecrets(message, secrets), safe === undefined ? undefined : { cause: safe });
  }

  /** A plain object safe to log or serialise: the error's name and fields, message and cause. */
  toJSON(): TJSON {
    return { ...this, message: this.message, cause: this.cause } as TJSON;
  }
}

/**
 * A sign-in or renewal failed, the API refused the credentials, or a setting
 * is missing. It never carries a token, password, API key or refresh token:
 * the secrets involved are taken out of its message, its `cause` is a
 * secret-free summary, and `toJSON()` is safe to log.
 */
export class AuthError extends RedactingError {
  override readonly name = "AuthError";
  // Set from the options by Object.assign (declared, so that no field initialiser runs after it).
  declare readonly code: AuthErrorCode;
  /** Which provider failed (its `kind`), when known. */
  declare readonly provider: string | undefined;
  declare readonly status: number | undefined;
  declare readonly oauthError: string | undefined;
  /** The service of the request or setting, when known. */
  declare readonly service: string | undefined;
  /** For configuration errors: the variable / file key at fault. */
  declare readonly setting: string | undefined;

  constructor(message: string, { cause, secrets = [], ...fields }: AuthErrorOptions) {
    super(message, cause, secrets);
    Object.assign(this, fields);
  }
}

export function isAuthError(error: unknown): error is AuthError {
  return error instanceof AuthError;
}
