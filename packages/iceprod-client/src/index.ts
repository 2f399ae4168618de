// @sciclients/iceprod-client: the client factory, errors, filters, streamed
// answers and every model type. Request functions and hooks are exported per
// tag: "@sciclients/iceprod-client/<tag>"; without React: "./functions".
export type { ApiErrorInit, BinaryBody, FileSource, RequestOptions, RetryInfo, RetryOptions } from "@sciclients/core";
export { ApiError, AuthError, fileFrom, isApiError, isAuthError, MissingClientError } from "@sciclients/core";
export type { IceprodClient, IceprodClientOptions } from "./client.js";
export { createIceprodClient, ICEPROD_BASE_URL } from "./client.js";
export { type AnyStatus, keys, pipeList, statusFilter } from "./filters.js";
export * from "./generated/model/index.js";
export { type ParseJsonStreamOptions, parseJsonStream, StreamParseError, type StreamParseReason } from "./ndjson.js";
export {
  deleteDatasetLogsWithProgress,
  isLogDeletionProgress,
  isTaskStatRecord,
  iterateDatasetTaskStats,
  type JsonStreamOptions,
  type StreamOptions,
  type StreamRequest,
  streamJson,
} from "./streams.js";
