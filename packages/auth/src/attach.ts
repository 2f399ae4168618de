import axios, { type AxiosError, type AxiosInstance, type AxiosResponse, type InternalAxiosRequestConfig } from "axios";
import { AuthError } from "./errors.js";
import type { AuthProvider } from "./types.js";

export interface AttachAuthOptions {
  /** Only requests to this origin (scheme+host+port) get credentials; taken from the axios instance's baseURL when omitted. */
  origin?: string;
}

/** Marks a retried request config (a plain key: axios drops symbol keys when it merges configs for a retry). */
interface AuthMark {
  /** True once the request was retried after a 401. */
  retried?: boolean;
}

/** Header values attached to each attempt, kept off the config so that nothing serialises them. */
const attached = new WeakMap<object, Record<string, string>>();

const MARK = "__sciclientsAuth";
const REDACTED = "[REDACTED]";

type MarkedConfig = InternalAxiosRequestConfig & { [MARK]?: AuthMark };

function pageHref(): string | undefined {
  const location = (globalThis as { location?: { href?: unknown } }).location;
  return typeof location?.href === "string" ? location.href : undefined;
}

function originOf(url: string | undefined, base: string | undefined): string | undefined {
  if (url === undefined || url === "") {
    if (base === undefined) return undefined;
    url = base;
  }
  try {
    const origin = new URL(url, base).origin;
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}

const ABSOLUTE = /^([a-z][a-z\d+\-.]*:)?\/\//i;

function requestUrl(config: InternalAxiosRequestConfig): string | undefined {
  const url = config.url ?? "";
  const baseURL = config.baseURL;
  const absolute = ABSOLUTE.test(url);
  if (baseURL && (!absolute || config.allowAbsoluteUrls === false)) {
    return url ? `${baseURL.replace(/\/+$/, "")}/${url.replace(/^\/+/, "")}` : baseURL;
  }
  return url;
}

function toAuthError(error: unknown, provider: AuthProvider, fallback: string): AuthError {
  if (error instanceof AuthError) return error;
  return new AuthError(fallback, { code: "token_request_failed", provider: provider.kind, cause: error });
}

function hideProperty(target: object, key: string): void {
  const value = (target as Record<string, unknown>)[key];
  if (value === undefined || value === null || typeof value !== "object") return;
  try {
    Object.defineProperty(target, key, { value, enumerable: false, configurable: true, writable: true });
  } catch {
    // frozen object: nothing to do
  }
}

/** Replaces the credential values a failed request carried in everything an axios error exposes. */
export function redactAxiosError(error: AxiosError, headers: Record<string, string> | undefined): AxiosError {
  const names = Object.keys(headers ?? {});
  const values = Object.values(headers ?? {});
  const configs = [error.config, error.response?.config];
  for (const config of configs) {
    if (!config?.headers) continue;
    for (const name of names) {
      if (config.headers.has?.(name) || name in config.headers) config.headers.set?.(name, REDACTED);
    }
  }
  // Node's ClientRequest keeps the raw request head; browsers' XMLHttpRequest does not expose request headers.
  const request = error.request as { _header?: unknown } | undefined;
  if (request && typeof request._header === "string") {
    let head = request._header;
    for (const value of values) if (value) head = head.split(value).join(REDACTED);
    try {
      request._header = head;
    } catch {
      // read-only in some runtimes
    }
  }
  // keep the raw request objects reachable but out of enumeration, so loggers and inspect() do not walk
  // into sockets, raw heads and redirect options that repeat the headers
  hideProperty(error, "request");
  if (error.response) hideProperty(error.response, "request");
  return error;
}

/**
 * Adds a request interceptor (attach headers for same-origin requests only)
 * and a response interceptor (on 401: renew once, retry the request once;
 * failure → AuthError). Returns a function that removes both interceptors.
 */
export function attachAuth(instance: AxiosInstance, provider: AuthProvider, options: AttachAuthOptions = {}): () => void {
  const allowedOrigin = (): string | undefined => {
    const base = pageHref();
    if (options.origin !== undefined) return originOf(options.origin, base);
    return originOf(instance.defaults.baseURL, base);
  };

  const requestId = instance.interceptors.request.use(async (config: MarkedConfig) => {
    const previous = config[MARK];
    const previousHeaders = attached.get(config);
    const target = originOf(requestUrl(config), pageHref());
    const allowed = allowedOrigin();
    if (target === undefined || allowed === undefined || target !== allowed) {
      // another host (presigned URL, redirect target): no credentials, and none left over from a first attempt
      if (previousHeaders) for (const name of Object.keys(previousHeaders)) config.headers.delete(name);
      attached.delete(config);
      return config;
    }
    let headers: Record<string, string>;
    try {
      headers = await provider.getAuthHeaders({ signal: (config.signal as AbortSignal | undefined) ?? undefined });
    } catch (error) {
      throw toAuthError(error, provider, "Could not get credentials for the request");
    }
    for (const [name, value] of Object.entries(headers)) config.headers.set(name, value);
    attached.set(config, headers);
    config[MARK] = { retried: previous?.retried ?? false };
    return config;
  });

  const responseId = instance.interceptors.response.use(
    (response: AxiosResponse) => response,
    async (error: unknown) => {
      if (!axios.isAxiosError(error) || !error.config) throw error;
      const config = error.config as MarkedConfig;
      const mark = config[MARK];
      const sent = attached.get(config);
      if (!sent) throw error;
      if (error.response?.status !== 401) throw redactAxiosError(error, sent);
      const secrets = Object.values(sent);
      if (mark?.retried) {
        redactAxiosError(error, sent);
        throw new AuthError("The server refused the renewed credentials (HTTP 401)", {
          code: "unauthorized",
          provider: provider.kind,
          status: 401,
          cause: error,
          secrets,
        });
      }
      const refusedHeaders = sent;
      try {
        await provider.getAuthHeaders({
          forceRenewal: true,
          refusedHeaders,
          signal: (config.signal as AbortSignal | undefined) ?? undefined,
        });
      } catch (renewalError) {
        redactAxiosError(error, refusedHeaders);
        throw toAuthError(renewalError, provider, "The server refused the credentials and renewing them failed");
      }
      for (const name of Object.keys(refusedHeaders)) config.headers.delete(name);
      attached.delete(config);
      config[MARK] = { retried: true };
      return instance.request(config);
    },
  );

  return () => {
    instance.interceptors.request.eject(requestId);
    instance.interceptors.response.eject(responseId);
  };
}
