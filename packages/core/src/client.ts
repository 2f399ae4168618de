import axios, { type AxiosInstance, type CreateAxiosDefaults } from "axios";
import type { CredentialsProvider } from "./credentials.js";
import { attachPipeline, type CredentialsRefused, sendOperation } from "./pipeline.js";
import type { OperationConfig, RequestOptions, ResponseBody } from "./request.js";
import type { RetryOptions } from "./retry-types.js";
import { type ResponseValidationOptions, responseValidationOf } from "./validation-types.js";

/** Default connect timeout: how long to wait for a connection to open. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
/** Default idle timeout: how long a request may go without a byte sent or received (waiting for the answer included). */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

export interface ServiceClientOptions extends ResponseValidationOptions {
  /** The API's base URL, e.g. `https://squonk.example.org/data-manager-api`. A path such as `/api/dm-api` works in browsers. */
  baseURL: string;
  /**
   * The name query keys give this deployment (default: the base URL without trailing slashes).
   * Give the same id where one deployment is reached by two URLs (a server's absolute URL, a browser's proxy path).
   */
  id?: string;
  /** Total time a request may take, in milliseconds (default 0: no limit; the connect and idle timeouts still apply). */
  timeout?: number;
  /** How long to wait for a connection to open, in milliseconds (default 30 000; 0: no limit). Node only: browsers do not show it. */
  connectTimeout?: number;
  /** How long a request, or a response stream, may go without a byte sent or received, in milliseconds (default 120 000; 0: no limit). */
  idleTimeout?: number;
  /** Headers sent with every request (never put credentials here; use `auth`). */
  headers?: Record<string, string>;
  /** Where credentials come from (`@sciclients/auth`, or any {@link CredentialsProvider}); they are sent to this API's origin only. */
  auth?: CredentialsProvider;
  /**
   * Which error answers refuse the credentials, so that `auth` renews them
   * (once per request, like a 401). Default: a 401. `body` is the answer as
   * read: parsed JSON, text, or undefined for streamed answers. For APIs that
   * answer 403 to an expired token (IceProd does, and its client sets this).
   */
  credentialsRefused?: CredentialsRefused;
  /** Any other axios defaults (proxy, httpsAgent, adapter, ...). */
  axios?: CreateAxiosDefaults;
  /** Send requests again after 408, 429, 5xx gateway/availability failures and network errors (default: never; `{}`: the defaults of `RetryOptions`). The retry code loads only when this is set. */
  retry?: RetryOptions;
}

/** One configured connection to one deployment of one service. */
export interface ServiceClient {
  /** The service's name; also the first element of every query key. */
  readonly service: string;
  /** The deployment this client reaches; the second element of every query key. */
  readonly id: string;
  readonly baseURL: string;
  /** The origin credentials are sent to. */
  readonly origin: string;
  /** The axios instance every request of this client goes through. */
  readonly axios: AxiosInstance;
  /** Stops sending credentials (sign-out). */
  detachAuth(): void;
  /**
   * Sends one operation's request for `service` (what generated functions and
   * hooks call, through their requester): failures become ApiError, a JSON
   * operation's answer is checked to be JSON, the body is returned.
   */
  send<T>(service: string, config: OperationConfig, options?: RequestOptions): Promise<ResponseBody<T>>;
}

function originOf(baseURL: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(baseURL)) return new URL(baseURL).origin;
  // A relative base URL (browser proxy routes): the page's own origin.
  const here = (globalThis as { location?: { origin?: string } }).location?.origin;
  return here ?? "null";
}

function milliseconds(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a number of milliseconds >= 0 (got ${value})`);
  return value;
}

/** Creates a client for `service`. Nothing is shared between clients: two deployments live side by side. */
export function createServiceClient(service: string, options: ServiceClientOptions): ServiceClient {
  if (typeof options?.baseURL !== "string" || options.baseURL.trim() === "") {
    throw new TypeError(`${service}: baseURL is required (for example "https://host/${service}-api")`);
  }
  const baseURL = options.baseURL.replace(/\/+$/, "");
  if (options.id !== undefined && (typeof options.id !== "string" || options.id.trim() === "")) {
    throw new TypeError(`${service}: id must be a non-empty string (got ${JSON.stringify(options.id)})`);
  }
  const id = options.id ?? baseURL;
  const validation = responseValidationOf(service, options);
  const instance = axios.create({
    ...options.axios,
    baseURL,
    timeout: milliseconds("timeout", options.timeout ?? options.axios?.timeout, 0),
    // Arrays in query strings repeat the key (tags=a&tags=b), OpenAPI's default
    // "form, explode" style; axios would send tags[]=a.
    paramsSerializer: options.axios?.paramsSerializer ?? { indexes: null },
    headers: { ...(options.axios?.headers as Record<string, string> | undefined), ...options.headers },
  });
  instance.defaults.connectTimeout = milliseconds("connectTimeout", options.connectTimeout, DEFAULT_CONNECT_TIMEOUT_MS);
  instance.defaults.idleTimeout = milliseconds("idleTimeout", options.idleTimeout, DEFAULT_IDLE_TIMEOUT_MS);
  if (options.credentialsRefused !== undefined && typeof options.credentialsRefused !== "function") {
    throw new TypeError(
      `${service}: credentialsRefused must be a function (status, body) => boolean (got ${typeof options.credentialsRefused})`,
    );
  }
  const origin = originOf(baseURL);
  let provider = options.auth;
  attachPipeline(instance, { service, origin, baseURL, provider: () => provider, credentialsRefused: options.credentialsRefused });
  if (options.retry) loadRetryOn(instance, options.retry);
  const client: ServiceClient = {
    service,
    id,
    baseURL,
    origin,
    axios: instance,
    detachAuth: () => {
      provider = undefined;
    },
    send: (to, config, requestOptions) => sendOperation(client, to, config, requestOptions, validation),
  };
  return client;
}

/**
 * Retries live in their own module, loaded when a client with `retry` sends
 * its first request (and its options are checked then), so that apps without
 * retries never load it.
 */
function loadRetryOn(instance: AxiosInstance, options: RetryOptions): void {
  const handler = import("./retry.js").then((retry) => retry.retryHandler(instance, options));
  handler.catch(() => {}); // reported by the first request, which is not sent without it
  instance.interceptors.request.use(async (config) => {
    await handler;
    return config;
  });
  instance.interceptors.response.use(undefined, async (error: unknown) => (await handler)(error));
}

/**
 * The `create<Service>Client` function of one generated package: a typed
 * wrapper around `createServiceClient` that fixes the service name.
 */
export function defineClientFactory<Service extends string>(service: Service) {
  return (options: ServiceClientOptions): ServiceClient & { readonly service: Service } =>
    createServiceClient(service, options) as ServiceClient & { readonly service: Service };
}
