// @sciclients/iceprod-client: the client factory, errors, filters, streamed
// answers and every model type. Request functions and hooks are exported per
// tag: "@sciclients/iceprod-client/<tag>"; without React: "./functions".
export type { ApiErrorInit, BinaryBody, FileSource, RequestOptions, RetryInfo, RetryOptions } from "@sciclients/core";
export { ApiError, AuthError, fileFrom, isApiError, isAuthError, MissingClientError } from "@sciclients/core";

import type { IceProdError } from "./generated/model/index.js";

export type { IceprodClient, IceprodClientOptions } from "./client.js";
export { createIceprodClient, ICEPROD_BASE_URL } from "./client.js";
export { type AnyStatus, keys, pipeList, statusFilter } from "./filters.js";
export * from "./generated/model/index.js";
export { type ParseJsonStreamOptions, parseJsonStream, StreamParseError, type StreamParseReason } from "./ndjson.js";
export {
  canMoveDataset,
  canMoveJob,
  canMoveTask,
  DATASET_STATUS_MOVES,
  JOB_STATUS_MOVES,
  TASK_STATUS_MOVES,
} from "./status-moves.js";
export {
  deleteDatasetLogsByTask,
  deleteDatasetLogsWithProgress,
  isLogDeletionProgress,
  isTaskStatRecord,
  iterateDatasetTaskStats,
  type JsonStreamOptions,
  type StreamOptions,
  type StreamRequest,
  streamJson,
  type TaskLogDeletionProgress,
} from "./streams.js";

/**
 * @deprecated IceProd never answers 401: a missing, invalid or expired token
 * gets 403 "authentication failed" (`ForbiddenResponse`). Kept so that code
 * naming the type still compiles.
 */
export type UnauthorizedResponse = IceProdError;
