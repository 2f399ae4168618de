import axios, { type AxiosError } from "axios";
import { redactUrl } from "./redact.js";

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
}

/**
 * An HTTP failure from any sciclients client. It carries what an app needs to
 * handle the failure (status, service, the parsed error body) and the request
 * line for diagnosis. It never carries request headers, tokens or secrets in
 * the URL's query string.
 */
export class ApiError<TBody = unknown> extends Error {
  override readonly name = "ApiError";
  /** Which service answered, e.g. "data-manager". */
  readonly service: string;
  /** HTTP status, or undefined when no response arrived (network error, timeout, abort). */
  readonly status: number | undefined;
  /** A machine-readable code: the service's own (DSS errorType, dserver code) or the transport's (ECONNREFUSED, ERR_CANCELED). */
  readonly code: string | undefined;
  /** The parsed error body as the service sent it (for Squonk2 `{ error }`). */
  readonly body: TBody | undefined;
  /** The upper-case HTTP method. */
  readonly method: string;
  /** The full request URL with credentials in its query string redacted. */
  readonly url: string;

  constructor(init: ApiErrorInit<TBody>) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.service = init.service;
    this.status = init.status;
    this.code = init.code;
    this.body = init.body;
    this.method = init.method;
    this.url = init.url;
  }

  /** The error body under the name `details`, as in the shared error shape. */
  get details(): TBody | undefined {
    return this.body;
  }

  /** A plain object safe to log or serialise. */
  toJSON(): Omit<ApiErrorInit<TBody>, "cause"> {
    return {
      service: this.service,
      status: this.status,
      code: this.code,
      message: this.message,
      body: this.body,
      method: this.method,
      url: this.url,
    };
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

const pickString = (body: unknown, keys: readonly string[]): string | undefined => {
  if (body === null || typeof body !== "object") return undefined;
  for (const key of keys) {
    const value = (body as Record<string, unknown>)[key];
    if (typeof value === "string" && value.length > 0) return value;
    if (typeof value === "number") return String(value);
  }
  return undefined;
};

/** Reads a Blob/ArrayBuffer error body (binary downloads) as JSON when it is JSON. */
async function decodeBody(data: unknown): Promise<unknown> {
  let text: string | undefined;
  if (typeof Blob !== "undefined" && data instanceof Blob) text = await data.text();
  else if (data instanceof ArrayBuffer) text = new TextDecoder().decode(data);
  else if (data instanceof Uint8Array) text = new TextDecoder().decode(data);
  else return data === "" ? undefined : data;
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Turns an axios failure into an ApiError for `service`. */
export async function toApiError(service: string, error: AxiosError): Promise<ApiError> {
  const config = error.config;
  const method = (config?.method ?? "get").toUpperCase();
  let url = "";
  try {
    // baseURL + url + query string, as axios sent it.
    url = redactUrl(config ? axios.getUri(config) : "");
  } catch {
    url = redactUrl(config?.url ?? "");
  }
  const status = error.response?.status;
  const body = await decodeBody(error.response?.data);
  const serviceCode = pickString(body, ["errorType", "code"]);
  const serviceMessage =
    pickString(body, ["error", "message", "msg", "detailedMessage"]) ?? (typeof body === "string" && body.length < 500 ? body : undefined);
  const message =
    status === undefined
      ? `${service}: ${method} ${url} failed: ${error.message}`
      : `${service}: ${method} ${url} answered ${status}${serviceMessage ? `: ${serviceMessage}` : ""}`;
  return new ApiError({
    service,
    status,
    code: serviceCode ?? error.code,
    message,
    body,
    method,
    url,
  });
}
