// @sciclients/dss-client: the client factory, errors and every model type.
// Request functions and hooks are exported per tag: "@sciclients/dss-client/<tag>".
export type { ApiErrorInit, BinaryBody, FileSource, RequestOptions } from "@sciclients/core";
export { ApiError, fileFrom, isApiError, MissingClientError } from "@sciclients/core";
export type { DssClient, DssClientOptions } from "./client.js";
export { createDssClient } from "./client.js";
export * from "./generated/model/index.js";
