// @sciclients/iceprod-client: the client factory, errors and every model type.
// Request functions and hooks are exported per tag: "@sciclients/iceprod-client/<tag>".
export type { ApiErrorInit, BinaryBody, FileSource, RequestOptions } from "@sciclients/core";
export { ApiError, fileFrom, isApiError, MissingClientError } from "@sciclients/core";
export type { IceprodClient, IceprodClientOptions } from "./client.js";
export { createIceprodClient } from "./client.js";
export * from "./generated/model/index.js";
