import { type AuthProvider, attachAuth } from "@sciclients/auth";
import axios, { type AxiosInstance, type CreateAxiosDefaults } from "axios";
import { attachRetry, type RetryOptions } from "./retry.js";

export interface ServiceClientOptions {
  /** The API's base URL, e.g. `https://squonk.example.org/data-manager-api`. A path such as `/api/dm-api` works in browsers. */
  baseURL: string;
  /**
   * The name query keys give this deployment (default: the base URL without trailing slashes).
   * Give the same id where one deployment is reached by two URLs (a server's absolute URL, a browser's proxy path).
   */
  id?: string;
  /** Request timeout in milliseconds (0: none). */
  timeout?: number;
  /** Headers sent with every request (never put credentials here; use `auth`). */
  headers?: Record<string, string>;
  /** Where credentials come from (`@sciclients/auth`); they are sent to this API's origin only. */
  auth?: AuthProvider;
  /** Any other axios defaults (proxy, httpsAgent, adapter, ...). */
  axios?: CreateAxiosDefaults;
  /** Send requests again after 408, 429, 5xx gateway/availability failures and network errors (default: never; `{}`: the defaults of `RetryOptions`). */
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
  /** Removes the auth interceptors (sign-out). */
  detachAuth(): void;
}

function originOf(baseURL: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(baseURL)) return new URL(baseURL).origin;
  // A relative base URL (browser proxy routes): the page's own origin.
  const here = (globalThis as { location?: { origin?: string } }).location?.origin;
  return here ?? "null";
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
  const instance = axios.create({
    ...options.axios,
    baseURL,
    timeout: options.timeout ?? options.axios?.timeout ?? 0,
    // Arrays in query strings repeat the key (tags=a&tags=b), OpenAPI's default
    // "form, explode" style; axios would send tags[]=a.
    paramsSerializer: options.axios?.paramsSerializer ?? { indexes: null },
    headers: { ...(options.axios?.headers as Record<string, string> | undefined), ...options.headers },
  });
  const origin = originOf(baseURL);
  if (options.retry) attachRetry(instance, options.retry); // before auth: its 401 renewal sees each attempt, and retries get current credentials
  const detach = options.auth ? attachAuth(instance, options.auth, { origin }) : () => {};
  return { service, id, baseURL, origin, axios: instance, detachAuth: detach };
}

/**
 * The `create<Service>Client` function of one generated package: a typed
 * wrapper around `createServiceClient` that fixes the service name.
 */
export function defineClientFactory<Service extends string>(service: Service) {
  return (options: ServiceClientOptions): ServiceClient & { readonly service: Service } =>
    createServiceClient(service, options) as ServiceClient & { readonly service: Service };
}
