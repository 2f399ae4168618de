// The types of the retry options, apart from the retry code itself (see retry.ts), so that
// clients can name them without loading it.
declare module "axios" {
  interface AxiosRequestConfig {
    /**
     * Retry settings for this request over those of its client (`false`: never
     * retry it). Has an effect only on clients created with `retry`.
     */
    retry?: RetryOptions | false;
  }
}

/** What `onRetry` is told before each wait. Never carries headers or tokens. */
export interface RetryInfo {
  /** 1 before the first retry, 2 before the second… */
  retry: number;
  maxRetries: number;
  /** How long the client waits before sending the request again. */
  delayMs: number;
  /** True when the wait is the server's `Retry-After`. */
  retryAfter: boolean;
  /** Upper-case HTTP method. */
  method: string;
  /** The request URL, credentials in its query string redacted. */
  url: string;
  /** The status of the failed attempt; undefined for a network error. */
  status: number | undefined;
  /** The transport's error code for a network error (`ECONNRESET`, `ERR_NETWORK`…). */
  code: string | undefined;
}

export interface RetryOptions {
  /** How many times a request is sent again at most (default 10, at most 30; 0: never). */
  maxRetries?: number;
  /** Wait before the first retry, in ms (default 300); it doubles with every retry. */
  baseDelayMs?: number;
  /** Longest backoff wait, in ms (default 30 000). */
  maxDelayMs?: number;
  /** Longest wait a `Retry-After` header can ask for, in ms (default 120 000); longer asks wait this long. */
  maxRetryAfterMs?: number;
  /** `"full"` (default): each backoff wait is random between 0 and its exponential value, so clients spread out; `"none"`: exactly the exponential value. */
  jitter?: "full" | "none";
  /** The HTTP statuses to retry (default 408, 429, 500, 502, 503, 504). */
  statuses?: readonly number[];
  /** The methods to retry (default GET, HEAD, OPTIONS, PUT, DELETE); add `"POST"` or `"PATCH"` only for requests that are safe to repeat. */
  methods?: readonly string[];
  /** Retry network errors and timeouts (no response) too (default true). */
  networkErrors?: boolean;
  /** Called before each wait, e.g. to log the retry. */
  onRetry?: (info: RetryInfo) => void;
  /** Waits `ms`, rejecting when `signal` aborts (default: a timer). Tests pass one that records the delays instead of waiting. */
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  /** The clock `Retry-After` dates are measured against (default `Date.now`). */
  now?: () => number;
}
