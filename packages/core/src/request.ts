import { type AxiosRequestConfig, isAxiosError } from "axios";
import type { ServiceClient } from "./client.js";
import { MissingClientError, toApiError } from "./errors.js";

/** Bytes of a binary response: a Blob in browsers, a Node Buffer (a Uint8Array) in Node. */
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

/** Generated functions call this: `(config, options) => Promise<data>`. */
export type Requester = <T>(config: AxiosRequestConfig, options?: RequestOptions) => Promise<ResponseBody<T>>;

const isNode = typeof process !== "undefined" && typeof process.versions?.node === "string" && typeof window === "undefined";

/**
 * Makes the request function a service's generated code calls. It sends the
 * request through the client named in the options, turns failures into
 * `ApiError`, and returns the response body.
 */
export function createRequester(service: string): Requester {
  return async <T>(config: AxiosRequestConfig, options?: RequestOptions): Promise<ResponseBody<T>> => {
    const { client, onResponse, ...overrides } = options ?? {};
    if (!client) throw new MissingClientError(service, `${(config.method ?? "GET").toUpperCase()} ${config.url ?? ""}`);
    if (client.service !== service) {
      throw new TypeError(`A ${client.service} client cannot send ${service} requests (${config.method ?? "GET"} ${config.url ?? ""})`);
    }
    const merged: AxiosRequestConfig = {
      ...config,
      ...overrides,
      headers: { ...(config.headers as Record<string, string> | undefined), ...(overrides.headers as Record<string, string> | undefined) },
      params: config.params,
      signal: overrides.signal ?? config.signal,
    };
    // Node's http adapter has no Blob responses: read bytes and hand back a Buffer.
    const binary = merged.responseType === "blob";
    if (binary && isNode) merged.responseType = "arraybuffer";
    try {
      const response = await client.axios.request(merged);
      if (onResponse) {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers ?? {})) {
          if (value !== undefined && value !== null) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
        }
        onResponse({ status: response.status, headers });
      }
      if (binary && isNode) return Buffer.from(response.data as ArrayBuffer) as ResponseBody<T>;
      // No content: the typed result is `void`, so give back undefined rather than axios's "".
      if (response.status === 204 || response.data === "") return undefined as ResponseBody<T>;
      return response.data as ResponseBody<T>;
    } catch (error) {
      if (isAxiosError(error)) throw await toApiError(service, error);
      throw error;
    }
  };
}
