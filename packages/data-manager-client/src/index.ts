// @sciclients/data-manager-client: the client factory, errors and every model type.
// Request functions and hooks are exported per tag: "@sciclients/data-manager-client/project", ...
export type { ApiErrorInit, BinaryBody, FileSource, RequestOptions } from "@sciclients/core";
export { ApiError, AuthError, fileFrom, isApiError, isAuthError, MissingClientError } from "@sciclients/core";
export type { DataManagerClient, DataManagerClientOptions } from "./client.js";
export { createDataManagerClient } from "./client.js";
export * from "./generated/model/index.js";
// The paging of a task's events, which the command line's --all-pages follows too.
export { taskEvents } from "./infinite.js";
export type { JobSpecification, StartJobInstanceOptions } from "./jobs.js";
export { JOBS_APPLICATION_ID, startJobInstance } from "./jobs.js";
