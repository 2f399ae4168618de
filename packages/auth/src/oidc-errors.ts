// Loaded by oidc.ts on the first failed request to an OpenID provider. It
// imports nothing at run time (the AuthError is made by the caller from what
// this returns), so that bundlers give it a chunk of its own, fetched on a
// failure only, and leave the rest where it was.
import type { AuthErrorCode, AuthErrorOptions } from "./errors.js";

/** What a failing OpenID request was for, to word the error. */
export interface OidcFailureContext {
  /** The provider kind (`password`, `device`, ...). */
  provider: string;
  /** The service the sign-in is for, when the caller named it. */
  service: string | undefined;
  /** The attempt, as the start of a sentence: "Signing in as alice", "Refreshing the access token". */
  what: string;
  issuer: string;
  clientId: string;
  /** What an `invalid_grant` refused, e.g. "the username or password of alice". */
  grant: string;
  /** The request timeout in seconds, for the timeout message. */
  timeoutSeconds: number;
  /** Values that must not appear anywhere in the error. */
  secrets: readonly (string | undefined)[];
  /** A URL as messages show it (util.ts's displayUrl, given so that this module imports nothing). */
  displayUrl: (url: string) => string;
}

/** What the AuthError for a failure is made of: its message and its options. */
export interface OidcFailure {
  message: string;
  options: AuthErrorOptions;
}

interface HttpAnswer {
  status: number;
  statusText?: string;
  url?: string;
  headers?: { get(name: string): string | null };
}

const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** An OAuth error code as the server sent it, when it looks like one (never free text). */
function oauthErrorCode(value: unknown): string | undefined {
  return typeof value === "string" && /^[\w.-]{1,64}$/.test(value) ? value : undefined;
}

function asHttpAnswer(value: unknown): HttpAnswer | undefined {
  const status = field(value, "status");
  return typeof status === "number" && status >= 100 && status < 600 ? (value as HttpAnswer) : undefined;
}

/** The OAuth error a `WWW-Authenticate` challenge carries (Basic client authentication failures come this way). */
function challengeError(challenges: unknown): string | undefined {
  if (!Array.isArray(challenges)) return undefined;
  for (const challenge of challenges) {
    const code = oauthErrorCode(field(field(challenge, "parameters"), "error"));
    if (code) return code;
  }
  return undefined;
}

function codeFor(oauthError: string): AuthErrorCode {
  switch (oauthError) {
    case "invalid_client":
    case "unauthorized_client":
      return "invalid_client";
    case "invalid_grant":
      return "invalid_grant";
    case "access_denied":
      return "access_denied";
    case "expired_token":
      return "expired";
    default:
      return "token_request_failed";
  }
}

function refusal(context: OidcFailureContext, oauthError: string, status: number): string {
  const by = context.displayUrl(context.issuer);
  const answer = `HTTP ${status}, ${oauthError}`;
  switch (codeFor(oauthError)) {
    case "invalid_client":
      return `${context.what} failed: ${by} did not accept the client ID or client secret of ${context.clientId} (${answer})`;
    case "invalid_grant":
      return `${context.what} failed: ${by} did not accept ${context.grant} (${answer})`;
    case "access_denied":
      return `${context.what} was denied (${answer})`;
    case "expired":
      return `${context.what} failed: the code expired before the sign-in was completed (${answer})`;
    default:
      return `${context.what} failed: ${by} answered with the OAuth error ${oauthError} (HTTP ${status})`;
  }
}

/**
 * Reads whatever openid-client threw (not an AuthError) into the AuthError to
 * throw: the code says what went wrong, `status` is set whenever an HTTP
 * answer came back, and the message is plain words naming the server and the
 * client (the AuthError takes the secrets out). Errors are recognised by name
 * and code, so this module does not load the OAuth library.
 */
export function describeOidcFailure(error: unknown, context: OidcFailureContext): OidcFailure {
  const { provider, service, secrets, displayUrl } = context;
  const base = { provider, service, cause: error, secrets };
  const name = field(error, "name");
  const libraryCode = field(error, "code");

  // An OAuth error in the body (400/401 JSON), or in a WWW-Authenticate challenge (HTTP Basic client authentication).
  const bodyError = name === "ResponseBodyError" ? oauthErrorCode(field(error, "error")) : undefined;
  const challenged = name === "WWWAuthenticateChallengeError" ? (challengeError(field(error, "cause")) ?? "invalid_client") : undefined;
  const oauthError = bodyError ?? challenged;
  if (oauthError) {
    const status = asHttpAnswer(error)?.status ?? 400;
    return { message: refusal(context, oauthError, status), options: { ...base, code: codeFor(oauthError), status, oauthError } };
  }

  if (libraryCode === "OAUTH_HTTP_REQUEST_FORBIDDEN") {
    return {
      message: `${context.what} failed: ${displayUrl(context.issuer)} uses plain http, which is refused unless the option \`allowInsecureHttp: true\` is given (local development and tests only)`,
      options: { ...base, code: "configuration" },
    };
  }
  if (libraryCode === "OAUTH_TIMEOUT" || name === "TimeoutError") {
    return {
      message: `${context.what} failed: no answer within ${context.timeoutSeconds} s from ${displayUrl(context.issuer)}`,
      options: {
        ...base,
        code: "timeout",
      },
    };
  }
  if (libraryCode === "OAUTH_ABORT" || name === "AbortError") {
    return { message: `${context.what} was aborted`, options: { ...base, code: "aborted" } };
  }

  // An answer that is neither a token answer nor an OAuth error: an outage page, a proxy's sign-in page, a wrong URL.
  const answer = asHttpAnswer(field(error, "cause"));
  if (answer && (libraryCode === "OAUTH_RESPONSE_IS_NOT_CONFORM" || libraryCode === "OAUTH_RESPONSE_IS_NOT_JSON")) {
    const where = answer.url ? displayUrl(answer.url) : displayUrl(context.issuer);
    const status = `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ""}`;
    if (answer.status >= 200 && answer.status < 300) {
      const type = answer.headers?.get("content-type")?.split(";")[0]?.trim() || "no content type";
      return {
        message: `${context.what} failed: ${where} answered ${status} with ${type} instead of the expected JSON`,
        options: {
          ...base,
          code: "invalid_response",
          status: answer.status,
        },
      };
    }
    return {
      message: `${context.what} failed: ${where} answered ${status}`,
      options: {
        ...base,
        code: "token_request_failed",
        status: answer.status,
      },
    };
  }
  if (
    libraryCode === "OAUTH_INVALID_RESPONSE" ||
    libraryCode === "OAUTH_PARSE_ERROR" ||
    libraryCode === "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED" ||
    libraryCode === "OAUTH_JWT_CLAIM_COMPARISON_FAILED"
  ) {
    return {
      message: `${context.what} failed: the answer of ${displayUrl(context.issuer)} is not a valid OpenID answer`,
      options: {
        ...base,
        code: "invalid_response",
      },
    };
  }
  if (error instanceof TypeError) {
    const reason = field(field(error, "cause"), "code");
    return {
      message: `${context.what} failed: ${displayUrl(context.issuer)} could not be reached${typeof reason === "string" && /^[A-Z_]{2,32}$/.test(reason) ? ` (${reason})` : ""}`,
      options: { ...base, code: "network_error" },
    };
  }
  return {
    message: `${context.what} failed: the exchange with ${displayUrl(context.issuer)} went wrong (see the cause)`,
    options: {
      ...base,
      code: "token_request_failed",
    },
  };
}
