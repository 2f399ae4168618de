import type { AxiosRequestConfig } from "axios";
import type { ServiceClient } from "./client.js";
import { MissingClientError } from "./errors.js";

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
