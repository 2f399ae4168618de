// Retries for transient failures: an axios response interceptor that sends a
// request again after 408, 429, 500, 502, 503, 504 or a network error, with
// exponential backoff, honouring `Retry-After`. Hand-written rather than built
// on axios-retry: that plugin waits on its own setTimeout (no injectable,
// abortable sleep) and does not cap `Retry-After`, so its delay, condition and
// callback options would all be replaced, leaving only the few lines of
// interceptor glue below.
import axios, { type AxiosError, type AxiosInstance, CanceledError, type InternalAxiosRequestConfig } from "axios";
import { redactUrl } from "./redact-request.js";
import type { RetryInfo, RetryOptions } from "./retry-types.js";

export type { RetryInfo, RetryOptions } from "./retry-types.js";

/** The statuses retried by default: timeouts, rate limits and temporary server failures. */
export const RETRY_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];

/** The methods retried by default: those that may be sent twice without changing the outcome. */
export const IDEMPOTENT_METHODS: readonly string[] = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"];

/** What the options default to (IceProd's rest-tools: 10 retries, backoff factor 0.3 s). */
export const RETRY_DEFAULTS = {
  maxRetries: 10,
  baseDelayMs: 300,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  jitter: "full",
} as const;

/** The largest `maxRetries` accepted. */
export const MAX_RETRIES_LIMIT = 30;

interface ResolvedRetryOptions {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  jitter: "full" | "none";
  statuses: ReadonlySet<number>;
  methods: ReadonlySet<string>;
  networkErrors: boolean;
  onRetry: ((info: RetryInfo) => void) | undefined;
  sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  now: () => number;
}

/** Waits `ms`; rejects with the signal's reason as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`retry.${name} must be a number of milliseconds >= 0 (got ${value})`);
  return value;
}

function resolveOptions(options: RetryOptions): ResolvedRetryOptions {
  const maxRetries = options.maxRetries ?? RETRY_DEFAULTS.maxRetries;
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
    throw new RangeError(`retry.maxRetries must be a whole number from 0 to ${MAX_RETRIES_LIMIT} (got ${maxRetries})`);
  }
  const jitter = options.jitter ?? RETRY_DEFAULTS.jitter;
  if (jitter !== "full" && jitter !== "none") throw new RangeError(`retry.jitter must be "full" or "none" (got ${String(jitter)})`);
  return {
    maxRetries,
    baseDelayMs: nonNegative("baseDelayMs", options.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs),
    maxDelayMs: nonNegative("maxDelayMs", options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs),
    maxRetryAfterMs: nonNegative("maxRetryAfterMs", options.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs),
    jitter,
    statuses: new Set(options.statuses ?? RETRY_STATUSES),
    methods: new Set((options.methods ?? IDEMPOTENT_METHODS).map((method) => method.toUpperCase())),
    networkErrors: options.networkErrors ?? true,
    onRetry: options.onRetry,
    sleep: options.sleep ?? abortableSleep,
    now: options.now ?? Date.now,
  };
}

/**
 * A `Retry-After` value in milliseconds from `now`: delay-seconds (`120`) or an
 * HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`; a date in the past gives 0).
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // HTTP dates start with the day's name (IMF-fixdate, RFC 850 and asctime forms alike).
  const date = /^[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Transport failures that another attempt cannot fix: cancellation, bad options or URLs, TLS certificates, unknown hosts. */
const PERMANENT_CODES =
  /^(ERR_CANCELED|ERR_BAD_OPTION|ERR_BAD_OPTION_VALUE|ERR_INVALID_URL|ERR_NOT_SUPPORT|ERR_DEPRECATED|ERR_BAD_RESPONSE|ERR_FR_TOO_MANY_REDIRECTS|ERR_FORM_DATA_DEPTH_EXCEEDED|ENOTFOUND)$|CERT|^ERR_TLS|^ERR_SSL/;

/** A request body that was consumed by the first attempt and cannot be sent again. */
function isOneShotBody(data: unknown): boolean {
  if (data === null || typeof data !== "object") return false;
  if (typeof (data as { pipe?: unknown }).pipe === "function") return true;
  return typeof ReadableStream !== "undefined" && data instanceof ReadableStream;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  const get = (headers as { get?: unknown }).get;
  const value = typeof get === "function" ? get.call(headers, name) : (headers as Record<string, unknown>)[name];
  if (Array.isArray(value)) return value.length > 0 ? String(value[0]) : undefined;
  return value === undefined || value === null || value === false ? undefined : String(value);
}

/** Frees the body of a failed attempt that will not be read (a stream response would hold its connection open). */
function discardBody(data: unknown): void {
  if (data === null || typeof data !== "object") return;
  if (typeof ReadableStream !== "undefined" && data instanceof ReadableStream) {
    data.cancel().catch(() => {});
  } else if (typeof (data as { destroy?: unknown }).destroy === "function") {
    (data as { destroy(): void }).destroy();
  }
}

function isRetryable(error: AxiosError, config: InternalAxiosRequestConfig, options: ResolvedRetryOptions): boolean {
  if (axios.isCancel(error) || (config.signal as AbortSignal | undefined)?.aborted) return false;
  if (!options.methods.has((config.method ?? "get").toUpperCase())) return false;
  if (isOneShotBody(config.data)) return false;
  const status = error.response?.status;
  if (status !== undefined) return options.statuses.has(status);
  return options.networkErrors && !PERMANENT_CODES.test(error.code ?? "");
}

/** How long to wait before retry number `retry`, and whether the server said so. */
function delayBefore(retry: number, error: AxiosError, options: ResolvedRetryOptions): { ms: number; retryAfter: boolean } {
  const asked = parseRetryAfter(headerValue(error.response?.headers, "retry-after"), options.now());
  if (asked !== undefined) return { ms: Math.min(asked, options.maxRetryAfterMs), retryAfter: true };
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return { ms: Math.round(options.jitter === "full" ? Math.random() * exponential : exponential), retryAfter: false };
}

function requestUrl(config: InternalAxiosRequestConfig): string {
  try {
    return redactUrl(axios.getUri(config));
  } catch {
    return redactUrl(config.url ?? "");
  }
}

/** How many times this request was sent again already (kept on the config under a plain key: axios copies it into every retry's config). */
const STATE = "__sciclientsRetry";
type RetriedConfig = InternalAxiosRequestConfig & { [STATE]?: number };

/**
 * The response-error handler that makes `instance` send failed requests again
 * (see {@link RetryOptions}); throws RangeError for bad options.
 */
export function retryHandler(instance: AxiosInstance, options: RetryOptions = {}): (error: unknown) => Promise<unknown> {
  const defaults = resolveOptions(options);
  return async (error: unknown) => {
    if (!axios.isAxiosError(error) || !error.config) throw error;
    const config = error.config as RetriedConfig;
    if (config.retry === false) throw error;
    const settings = config.retry ? resolveOptions({ ...options, ...config.retry }) : defaults;
    const done = config[STATE] ?? 0;
    if (done >= settings.maxRetries || !isRetryable(error, config, settings)) throw error;
    const retry = done + 1;
    const delay = delayBefore(retry, error, settings);
    discardBody(error.response?.data);
    settings.onRetry?.({
      retry,
      maxRetries: settings.maxRetries,
      delayMs: delay.ms,
      retryAfter: delay.retryAfter,
      method: (config.method ?? "get").toUpperCase(),
      url: requestUrl(config),
      status: error.response?.status,
      code: error.response ? undefined : error.code,
    });
    const signal = config.signal as AbortSignal | undefined;
    try {
      await settings.sleep(delay.ms, signal);
    } catch (sleepError) {
      if (!signal?.aborted) throw sleepError;
    }
    // Aborted while waiting: fail like any cancelled request, without sending it again.
    if (signal?.aborted) throw new CanceledError(undefined, config, error.request);
    config[STATE] = retry;
    return instance.request(config);
  };
}

/**
 * Makes `instance` send failed requests again (see {@link RetryOptions}).
 * `createServiceClient` does the same for clients created with `retry`; every
 * attempt gets current credentials from the request pipeline. Returns a
 * function that removes the retries.
 */
export function attachRetry(instance: AxiosInstance, options: RetryOptions = {}): () => void {
  const id = instance.interceptors.response.use(undefined, retryHandler(instance, options));
  return () => instance.interceptors.response.eject(id);
}
