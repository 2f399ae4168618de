// @sciclients/core/retry: the retry machinery for axios instances of your own.
// Clients created with `retry` load it by themselves.
import type { AxiosInstance } from "axios";
import { attachRetry as attach } from "./retry.js";
import type { RetryOptions } from "./retry-types.js";

/** Makes `instance` send failed requests again (see RetryOptions); returns a function that removes the retries. */
export const attachRetry = (instance: AxiosInstance, options: RetryOptions = {}): (() => void) => attach(instance, options);

export {
  abortableSleep,
  IDEMPOTENT_METHODS,
  MAX_RETRIES_LIMIT,
  parseRetryAfter,
  RETRY_DEFAULTS,
  RETRY_STATUSES,
} from "./retry.js";
export type { RetryInfo, RetryOptions } from "./retry-types.js";
