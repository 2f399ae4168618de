// @sciclients/dss-client: the client factory, errors, every model type, and the
// helpers DSS needs beyond single calls (waiting for long tasks, jobs, scenarios,
// macros and ML training; streaming dataset rows, SQL rows and folder files;
// project archives; project keys).
// Request functions and hooks are exported per tag: "@sciclients/dss-client/<tag>".
export type { ApiErrorInit, BinaryBody, FileSource, RequestOptions } from "@sciclients/core";
export { ApiError, AuthError, fileFrom, isApiError, isAuthError, MissingClientError } from "@sciclients/core";
export type { DssClient, DssClientOptions } from "./client.js";
export { createDssClient } from "./client.js";
export type { ListManagedFolderFilesOptions, ManagedFolderCallOptions } from "./folders.js";
export { listManagedFolderFiles, putManagedFolderFile, streamManagedFolderFile } from "./folders.js";
export type { DssFutureFailure, WaitForFutureOptions } from "./futures.js";
export { DssFutureError, isDssFutureError, waitForFuture } from "./futures.js";
export * from "./generated/model/index.js";
export type { FinalJobState, RunJobAndWaitOptions } from "./jobs.js";
export { DssJobError, FINAL_JOB_STATES, isDssJobError, runJobAndWait } from "./jobs.js";
export type { MacroResultKind, RunMacroAndWaitOptions } from "./macros.js";
export { DssMacroError, isDssMacroError, runMacroAndWait } from "./macros.js";
export type { TrainMlTaskAndWaitOptions } from "./ml.js";
export { DssMlTrainingError, isDssMlTrainingError, trainMlTaskAndWait } from "./ml.js";
export type { DssBackoff, DssSleep, DssWaitOptions } from "./polling.js";
export { backoffDelays, DSS_DEFAULT_BACKOFF, sleepFor } from "./polling.js";
export type { DssTransferProgress, ExportProjectArchiveOptions, ImportProjectArchiveOptions } from "./project-archives.js";
export { DssProjectImportError, exportProjectArchive, importProjectArchive, isDssProjectImportError } from "./project-archives.js";
export { listProjectKeys } from "./projects.js";
export type { DatasetRow, StreamDatasetRowsOptions } from "./rows.js";
export { DssRowStreamError, isDssRowStreamError, parseTsvRows, streamDatasetRows } from "./rows.js";
export type { DssScenarioFailure, RunScenarioAndWaitOptions } from "./scenarios.js";
export { DssScenarioRunError, isDssScenarioRunError, runScenarioAndWait } from "./scenarios.js";
export type { SqlRow, SqlValue, StreamSqlQueryOptions } from "./sql.js";
export { sqlCell, streamSqlQuery } from "./sql.js";
export type { DssByteStream } from "./streaming.js";
