import { type AxiosRequestConfig, type AxiosResponse, isAxiosError } from "axios";
import type { ServiceClient } from "./client.js";
import { loadFailures, MissingClientError, toApiError } from "./errors.js";
import { refusedPathParameter } from "./path.js";
import { inNode } from "./runtime.js";
import type { ResponseValidation } from "./validation-types.js";

/** Bytes of a binary response: a Blob in browsers, a Uint8Array (a Node Buffer) in Node. */
export type BinaryBody = Blob | Uint8Array;

/** What a generated function's result type becomes: binary responses are bytes, everything else as the spec says. */
export type ResponseBody<T> = [T] extends [Blob] ? BinaryBody : T;

/** What `onResponse` sees of a successful response besides its body. */
export interface ResponseInfo {
  status: number;
  /** Response headers, names in lower case. */
  headers: Record<string, string>;
}

/** Per-call options of every generated function (`request` in hooks). */
export interface RequestOptions extends Omit<AxiosRequestConfig, "url" | "method" | "baseURL"> {
  /** The client (deployment and credentials) to send this request through. */
  client?: ServiceClient;
  /** Called with the status and headers of a successful response (pagination headers, rate limits). */
  onResponse?: (info: ResponseInfo) => void;
}

/**
 * The request generated code describes: axios's config plus the operation's
 * name (for errors). `responseType: "json"` says the operation declares a JSON
 * answer, which is then checked to be JSON.
 */
export interface OperationConfig extends AxiosRequestConfig {
  operation?: string;
}

/** Generated functions call this: `(config, options) => Promise<data>`. */
export type Requester = <T>(config: OperationConfig, options?: RequestOptions) => Promise<ResponseBody<T>>;

/**
 * Makes the request function a service's generated code calls. It hands the
 * request to the client named in the options (see `ServiceClient.send`), so
 * that a hook or function alone carries no more than this.
 */
export function createRequester(service: string): Requester {
  return <T>(config: OperationConfig, options?: RequestOptions): Promise<ResponseBody<T>> => {
    const client = options?.client;
    if (!client)
      return Promise.reject(
        new MissingClientError(service, config.operation ?? `${(config.method ?? "GET").toUpperCase()} ${config.url ?? ""}`),
      );
    return client.send<T>(service, config, options);
  };
}

/**
 * What a client does with one operation's request: sends it through its
 * axios instance, turns failures into `ApiError`, checks that a JSON
 * operation answered JSON, and returns the response body.
 */
export async function sendOperation<T>(
  client: ServiceClient,
  service: string,
  config: OperationConfig,
  options: RequestOptions | undefined,
  validation?: ResponseValidation,
): Promise<ResponseBody<T>> {
  const name = config.operation;
  const method = (config.method ?? "GET").toUpperCase();
  const operation = name ?? `${method} ${config.url ?? ""}`;
  if (client.service !== service) throw new TypeError(`A ${client.service} client cannot send ${service} requests (${operation})`);
  const refused = refusedPathParameter(config.url);
  if (refused !== undefined) throw (await loadFailures()).refusedPath(service, operation, method, config.url ?? "", refused);
  // The call's options over the operation's config (headers merged, the operation's query kept).
  const merged: AxiosRequestConfig = { ...config };
  if (options) {
    for (const key in options) {
      if (key !== "client" && key !== "onResponse") (merged as Record<string, unknown>)[key] = (options as Record<string, unknown>)[key];
    }
    if (options.headers) merged.headers = { ...(config.headers as Record<string, string>), ...(options.headers as Record<string, string>) };
    merged.params = config.params;
    merged.signal = options.signal ?? config.signal;
  }
  // A declared JSON answer is read as text and parsed here, so that an answer that is not JSON is an error, not a string.
  const json = merged.responseType === "json";
  if (json) merged.responseType = "text";
  // Node's http adapter has no Blob responses: read bytes.
  const binary = merged.responseType === "blob" && inNode();
  if (binary) merged.responseType = "arraybuffer";
  let response: AxiosResponse;
  try {
    response = await client.axios.request(merged);
  } catch (error) {
    if (isAxiosError(error)) throw await toApiError(service, error);
    throw error;
  }
  if (options?.onResponse) {
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(response.headers ?? {})) {
      if (value !== undefined && value !== null) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    }
    options.onResponse({ status: response.status, headers });
  }
  const data: unknown = response.data;
  if (binary) return (data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer)) as ResponseBody<T>;
  // No content: the typed result is `void`, so give back undefined rather than axios's "".
  const empty = response.status === 204 || response.status === 205;
  if (json && typeof data === "string" && !empty) {
    let body: unknown;
    try {
      body = JSON.parse(data);
    } catch {
      throw (await loadFailures()).invalidResponse(service, operation, response, data);
    }
    if (validation) {
      const issues = validation.validators.check(operation, response.status, body);
      // Reported (warned or thrown) by the failure code, loaded on the first difference.
      if (issues.length > 0) (await loadFailures()).checkShape(validation, service, operation, response, issues);
    }
    return body as ResponseBody<T>;
  }
  if (empty || data === "") return undefined as ResponseBody<T>;
  return data as ResponseBody<T>;
}
