// The request pipeline's attachment: what a client needs up front to route
// every request of its axios instance through the pipeline (dispatch.ts) and
// to send its operations (operation.ts). Both load when the client is made,
// in a chunk of their own, and every request waits for them: a browser app's
// first chunk holds only this.
// The lazy modules import axios, types and modules only lazy modules reach;
// what they use of the rest of the package comes in `kit` below. A module
// that the package's entries reach, even one an app leaves unused (a
// re-export), and that a lazy module imports too, lands whole in the chunk
// an app loads first (esbuild splits by module and keeps such imports).
import type { AxiosAdapter, AxiosError, AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from "axios";
import { AuthError } from "./auth-error.js";
import type { ServiceClient } from "./client.js";
import type { CredentialsProvider } from "./credentials.js";
import { ApiError } from "./errors.js";
import { redactSecrets } from "./redact.js";
import type { OperationConfig, RequestOptions, ResponseBody } from "./request.js";
import { inNode } from "./runtime.js";
import type { ResponseValidation } from "./validation-types.js";

declare module "axios" {
  interface AxiosRequestConfig {
    /** Milliseconds to wait for a connection to open (default: the client's `connectTimeout`; 0: no limit). */
    connectTimeout?: number;
    /** Milliseconds without a byte sent or received before the request fails with code `timeout` (default: the client's `idleTimeout`; 0: no limit). */
    idleTimeout?: number;
  }
}

export interface PipelineSettings {
  /** The service the requests belong to, named in the AuthErrors of their credentials. */
  service?: string | undefined;
  /** The origin credentials are sent to. */
  origin: string;
  /** The client's base URL: requests relative to it go to `origin`. */
  baseURL: string;
  /** The current credentials provider (undefined after sign-out). */
  provider: () => CredentialsProvider | undefined;
  /** Which answers refuse the credentials (default: 401). */
  credentialsRefused?: CredentialsRefused | undefined;
}

/**
 * Tells whether an error answer refused the credentials, so that they are
 * renewed (once per request). `body` is the answer as read: parsed JSON,
 * text, or undefined (a stream, or nothing readable). Consulted for 4xx and
 * 5xx answers only.
 */
export type CredentialsRefused = (status: number, body: unknown) => boolean;

type Config = InternalAxiosRequestConfig;
type Pipeline = AxiosAdapter & { wraps?: unknown };
type PipelineModule = typeof import("./dispatch.js");

/** What the pipeline uses of the rest of the package, handed over rather than imported (see above). */
const kit = { AuthError, ApiError, redactSecrets, inNode };
export type PipelineKit = typeof kit;

let loaded: PipelineModule | undefined;
let loading: Promise<PipelineModule> | undefined;
/**
 * Loads the pipeline once; after a failure (a chunk that did not load), the
 * next call tries again. `failed`: the failure being described, when the
 * pipeline is loaded for that (toApiError) rather than to send a request.
 */
function loadPipeline(failed?: string): Promise<PipelineModule> {
  loading ??= import("./dispatch.js").then((module) => {
    module.lend(kit);
    loaded = module;
    return module;
  });
  return loading.catch((error: unknown) => {
    loading = undefined;
    throw new Error(
      `@sciclients/core could not load its request pipeline (a chunk of the app did not load)${failed ? `; the request failed: ${failed}` : "; the request was not sent"}`,
      { cause: error },
    );
  });
}

/** Turns an axios failure into an ApiError for `service`, without the credentials the request carried. */
export async function toApiError(service: string, error: AxiosError): Promise<ApiError> {
  return (await loadPipeline(error.message)).toApiError(service, error);
}

/** Sends one request through the pipeline, loading it first when it has not loaded yet. */
function dispatch(config: Config, inner: unknown, settings: PipelineSettings): Promise<AxiosResponse> {
  if (loaded) return loaded.dispatch(config, inner, settings);
  return loadPipeline().then((module) => module.dispatch(config, inner, settings));
}

/** Sends one operation's request with `client` (ServiceClient.send), loading the pipeline first when it has not loaded yet. */
export function sendOperation<T>(
  client: ServiceClient,
  service: string,
  config: OperationConfig,
  options: RequestOptions | undefined,
  validation: ResponseValidation | undefined,
): Promise<ResponseBody<T>> {
  if (loaded) return loaded.sendOperation<T>(client, service, config, options, validation);
  return loadPipeline().then((module) => module.sendOperation<T>(client, service, config, options, validation));
}

/** Makes every request of `instance` go through the pipeline, whatever adapter it names. Returns a function that undoes it. */
export function attachPipeline(instance: AxiosInstance, settings: PipelineSettings): () => void {
  const wrap = (inner: unknown): Pipeline => {
    const adapter: Pipeline = (config) => dispatch(config, inner, settings);
    adapter.wraps = inner;
    return adapter;
  };
  // Loading starts now, so that the first request rarely waits; a failure is reported by the requests.
  loadPipeline().catch(() => {});
  const original = instance.defaults.adapter;
  instance.defaults.adapter = wrap(original);
  // A per-request `adapter` option replaces the default one: wrap it too.
  const id = instance.interceptors.request.use(
    (config) => {
      if (!(config.adapter as Pipeline | undefined)?.wraps) config.adapter = wrap(config.adapter);
      return config;
    },
    undefined,
    { synchronous: true },
  );
  return () => {
    instance.defaults.adapter = original;
    instance.interceptors.request.eject(id);
  };
}

/**
 * Sends `provider`'s credentials with the requests of an axios instance of
 * your own, to `origin` only (default: the origin of the instance's
 * `baseURL`), with everything the clients' pipeline does (redirects, renewal
 * on 401, timeouts when set on the instance). `service` names the API in
 * AuthErrors. Returns a function that stops it.
 */
export function attachCredentials(
  instance: AxiosInstance,
  provider: CredentialsProvider,
  options: { origin?: string; credentialsRefused?: CredentialsRefused; service?: string } = {},
): () => void {
  const baseURL = instance.defaults.baseURL ?? "";
  const origin = options.origin ?? baseURL;
  let target = "";
  try {
    target = new URL(origin, pageHref()).origin;
  } catch {
    // no origin can be known: nothing is sent anywhere
  }
  return attachPipeline(instance, {
    service: options.service,
    origin: target === "null" ? "" : target,
    baseURL: options.origin ? "\0" : baseURL,
    provider: () => provider,
    credentialsRefused: options.credentialsRefused,
  });
}

function pageHref(): string | undefined {
  const href = (globalThis as { location?: { href?: unknown } }).location?.href;
  return typeof href === "string" ? href : undefined;
}
