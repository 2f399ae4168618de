/** Machine-readable reasons an {@link AuthError} can carry. */
export type AuthErrorCode =
  /** The OpenID provider did not accept the client ID or client secret (OAuth `invalid_client`, `unauthorized_client`). */
  | "invalid_client"
  /** The username and password, refresh token or device code were not accepted (OAuth `invalid_grant`; the dserver token generator's refusal). */
  | "invalid_grant"
  /** No credentials, or empty ones, were given; the message says which option or setting supplies them. */
  | "no_credentials"
  /** The token endpoint / generator / issuer answered an error without a more specific code (5xx, another OAuth error); `status` is set. */
  | "token_request_failed"
  /** The token endpoint / generator / issuer answered something that is not what it should (no token, not JSON); `status` is set. */
  | "invalid_response"
  /** The token endpoint / generator / issuer could not be reached. */
  | "network_error"
  /** The token endpoint / generator / issuer sent no answer in time (`timeoutSeconds`). */
  | "timeout"
  /** The API refused a freshly renewed credential (401 after renewal). */
  | "unauthorized"
  /** A device sign-in was denied by the user. */
  | "access_denied"
  /** A device sign-in was not completed before its code expired. */
  | "expired"
  /** The caller aborted the sign-in or the request. */
  | "aborted"
  /** A setting is missing or malformed (other than the credentials themselves). */
  | "configuration"
  /** A token store could not be read or written. */
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
  /** The service a setting belongs to (`dserver`, `squonk2`, `dss`, `iceprod`), for configuration errors. */
  service?: string;
  /** The environment variable or config-file key at fault, for configuration errors. */
  setting?: string;
  /** Extra strings that must never appear in the message (known secrets). */
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

const JWT_LIKE = /\beyJ[\w-]*\.[\w-]*\.[\w-]*/g;
const AUTH_VALUE = /\b(Bearer|Basic|Token)\s+[\w~+/.=-]+/gi;
const SECRET_ASSIGN =
  /((?:access_token|refresh_token|id_token|client_secret|password|api_?key|token|device_code|code_verifier)["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi;

/**
 * Removes anything that looks like a credential from a text: JWTs, `Bearer …`
 * and `Basic …` values, `password=…`/`"token": "…"` assignments, and every
 * given secret verbatim.
 */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 3) out = out.split(secret).join("[REDACTED]");
  }
  return out.replace(JWT_LIKE, "[REDACTED]").replace(AUTH_VALUE, "$1 [REDACTED]").replace(SECRET_ASSIGN, "$1[REDACTED]");
}

/** Removes the given secrets verbatim and JWT-shaped values; leaves ordinary words alone. */
function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 3) out = out.split(secret).join("[REDACTED]");
  }
  return out.replace(JWT_LIKE, "[REDACTED]");
}

function readString(value: unknown, key: string): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === "string" ? v : undefined;
}

function readNumber(value: unknown, key: string): number | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === "number" ? v : undefined;
}

/**
 * Reduces any thrown value to a plain summary (name, redacted message, code,
 * status, OAuth error). Axios errors, fetch responses and library errors keep
 * request headers and bodies; this summary never does.
 */
export function safeCause(error: unknown, secrets: readonly (string | undefined)[] = []): SafeCause | undefined {
  if (error === undefined || error === null) return undefined;
  if (error instanceof AuthError) {
    return { name: error.name, message: error.message, code: error.code, status: error.status, oauthError: error.oauthError };
  }
  const name = readString(error, "name") ?? (typeof error === "object" ? "Error" : typeof error);
  const rawMessage = readString(error, "message") ?? (typeof error === "string" ? error : "");
  const out: SafeCause = { name, message: redactText(rawMessage, secrets) };
  const code = readString(error, "code");
  if (code !== undefined) out.code = redactText(code, secrets);
  const status = readNumber(error, "status") ?? readNumber((error as { response?: unknown }).response, "status");
  if (status !== undefined) out.status = status;
  const oauthError = readString(error, "error");
  if (oauthError !== undefined) out.oauthError = redactText(oauthError, secrets);
  return out;
}

/**
 * The one error type of `@sciclients/auth`: a sign-in or renewal failed, or a
 * setting is missing. It never carries a token, password, API key or refresh
 * token: its `cause` is a redacted summary, and `toJSON()` is safe to log.
 */
export class AuthError extends Error {
  override readonly name = "AuthError";
  readonly code: AuthErrorCode;
  /** Which provider failed (its `kind`), when known. */
  readonly provider: string | undefined;
  readonly status: number | undefined;
  readonly oauthError: string | undefined;
  /** For configuration errors: the service and the variable / file key at fault. */
  readonly service: string | undefined;
  readonly setting: string | undefined;
  declare readonly cause: SafeCause | undefined;

  constructor(message: string, options: AuthErrorOptions) {
    const secrets = options.secrets ?? [];
    const cause = safeCause(options.cause, secrets);
    // The message is our own words: only the known secrets (and anything shaped like a JWT) are
    // taken out, so that words such as "token" or "bearer" in it stay as written.
    super(redactSecrets(message, secrets), cause === undefined ? undefined : { cause });
    this.code = options.code;
    this.provider = options.provider;
    this.status = options.status;
    this.oauthError = options.oauthError;
    this.service = options.service;
    this.setting = options.setting;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      code: this.code,
      provider: this.provider,
      status: this.status,
      oauthError: this.oauthError,
      service: this.service,
      setting: this.setting,
      cause: this.cause,
    };
  }
}

export function isAuthError(error: unknown): error is AuthError {
  return error instanceof AuthError;
}
