// @sciclients/dserver-client: the client factory, errors and every model type.
// Request functions and hooks are exported per tag: "@sciclients/dserver-client/<tag>".
export type { ApiErrorInit, BinaryBody, FileSource, RequestOptions } from "@sciclients/core";
export { ApiError, fileFrom, isApiError, MissingClientError } from "@sciclients/core";
export type { DserverClient, DserverClientOptions } from "./client.js";
export { createDserverClient } from "./client.js";
export * from "./generated/model/index.js";
