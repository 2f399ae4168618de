export type { ServiceClient, ServiceClientOptions } from "./client.js";
export { createServiceClient, defineClientFactory } from "./client.js";
export type { ApiErrorInit } from "./errors.js";
export { ApiError, isApiError, MissingClientError, toApiError } from "./errors.js";
export type { InfinitePages, PageOf, PageParamOf, Paging } from "./infinite.js";
export { infinitePages } from "./infinite.js";
export type { MockBinding } from "./mock-route.js";
export { mockRoute } from "./mock-route.js";
export { toFormUrlEncoded, toMultipart } from "./multipart.js";
export { redactUrl } from "./redact.js";
export type { BinaryBody, Requester, RequestOptions, ResponseBody, ResponseInfo } from "./request.js";
export { createRequester } from "./request.js";
export type { RetryInfo, RetryOptions } from "./retry.js";
export {
  abortableSleep,
  attachRetry,
  IDEMPOTENT_METHODS,
  MAX_RETRIES_LIMIT,
  parseRetryAfter,
  RETRY_DEFAULTS,
  RETRY_STATUSES,
} from "./retry.js";
export type { FileSource } from "./upload.js";
export { fileFrom } from "./upload.js";
