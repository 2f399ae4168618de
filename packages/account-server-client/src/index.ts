// @sciclients/account-server-client: the client factory, errors and every model type.
// Request functions and hooks are exported per tag: "@sciclients/account-server-client/project", ...
export type { ApiErrorInit, BinaryBody, FileSource, RequestOptions } from "@sciclients/core";
export { ApiError, AuthError, fileFrom, isApiError, isAuthError, MissingClientError } from "@sciclients/core";
export type { AccountServerClient, AccountServerClientOptions } from "./client.js";
export { createAccountServerClient } from "./client.js";
export * from "./generated/model/index.js";
