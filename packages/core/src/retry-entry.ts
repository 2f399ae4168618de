// @sciclients/core/retry: the retry machinery for axios instances of your own.
// Clients created with `retry` load it by themselves.
export {
  abortableSleep,
  attachRetry,
  IDEMPOTENT_METHODS,
  MAX_RETRIES_LIMIT,
  parseRetryAfter,
  RETRY_DEFAULTS,
  RETRY_STATUSES,
} from "./retry.js";
export type { RetryInfo, RetryOptions } from "./retry-types.js";
