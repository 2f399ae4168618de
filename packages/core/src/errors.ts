import { RedactingError, type SafeCause } from "./auth-error.js";
import { redactSecrets } from "./redact.js";

/** The fields every sciclients HTTP error carries, whatever the service. */
export interface ApiErrorInit<TBody> {
  service: string;
  status: number | undefined;
  code: string | undefined;
  message: string;
  body: TBody | undefined;
  method: string;
  url: string;
  cause?: unknown;
  /**
   * Values taken out of the message, URL, cause and a text body (the credentials the request carried).
   * A parsed body is kept as given: the errors the clients build have them taken out of every string in it.
   */
  secrets?: readonly (string | undefined)[];
}

/** A secret-free summary of what caused an {@link ApiError}. */
export type ApiErrorCause = SafeCause;

/**
 * An HTTP failure from any sciclients client. It carries what an app needs to
 * handle the failure (status, service, the parsed error body) and the request
 * line for diagnosis. The credentials the request carried are taken out of
 * every field; it never carries request headers.
 */
export class ApiError<TBody = unknown> extends RedactingError<Omit<ApiErrorInit<TBody>, "secrets"> & { name: "ApiError" }> {
  override readonly name = "ApiError";
  // Set from `init` by Object.assign (declared, so that no field initialiser runs after it).
  /** Which service answered, e.g. "data-manager". */
  declare readonly service: string;
  /** HTTP status, or undefined when no response arrived (network error, timeout, abort) or nothing was sent. */
  declare readonly status: number | undefined;
  /** A machine-readable code: the service's own (DSS errorType, dserver code) or ours (`timeout`, `invalid_response`, `invalid_path_parameter`) or the transport's (ECONNREFUSED, ERR_CANCELED). */
  declare readonly code: string | undefined;
  /** The parsed error body as the service sent it (for Squonk2 `{ error }`). */
  declare readonly body: TBody | undefined;
  /** The upper-case HTTP method. */
  declare readonly method: string;
  /** The full request URL with credentials in it redacted. */
  declare readonly url: string;

  constructor({ message, cause, secrets = [], body, url, ...fields }: ApiErrorInit<TBody>) {
    // Each secret as given and percent-encoded, as it appears in a URL (and in a message that quotes one).
    const values = secrets.flatMap((secret) => (secret ? [secret, encodeURIComponent(secret)] : []));
    super(message, cause, values);
    Object.assign(this, fields, {
      body: typeof body === "string" ? redactSecrets(body, values) : body,
      // By value here; the pipeline hides the credential-shaped parts of a
      // request's URL (user info, token query values) before it builds the error.
      url: redactSecrets(url, values),
    });
  }

  /** The error body under the name `details`, as in the shared error shape. */
  get details(): TBody | undefined {
    return this.body;
  }
}

/** Thrown when a generated function is called without a client to send it. */
export class MissingClientError extends Error {
  override readonly name = "MissingClientError";
  constructor(service: string, operation: string) {
    super(
      `No ${service} client for ${operation}: create one with the package's create…Client({ baseURL }) and pass it as { client } in the request options (hooks: { request: { client } }).`,
    );
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
