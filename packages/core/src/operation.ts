// What a client does with one operation's request, past the requester: it
// loads with the request pipeline (dispatch.ts re-exports it), so a client's
// set-up and its hooks carry none of it. Like dispatch.ts, it imports axios,
// types and modules only lazy modules reach, and is lent the rest (see
// pipeline.ts).
import { type AxiosError, type AxiosRequestConfig, type AxiosResponse, isAxiosError } from "axios";
import type { ServiceClient } from "./client.js";
import type { ApiError } from "./errors.js";
import type { PipelineKit } from "./pipeline.js";
import { refusedPathParameter } from "./refused-path.js";
import type { OperationConfig, RequestOptions, ResponseBody } from "./request.js";
import type { ResponseValidation } from "./validation-types.js";

let kit: PipelineKit;
/** Called by dispatch.ts's `lend`, before anything else here. */
export function lend(given: PipelineKit): void {
  kit = given;
}

let failures: Promise<typeof import("./failures.js")> | undefined;
/**
 * The code that describes failed requests, loaded on the first failure. A
 * chunk that does not load fails with an error that says so (and what failed);
 * the next failure tries again.
 */
function loadFailures(failed?: string): Promise<typeof import("./failures.js")> {
  failures ??= import("./failures.js").then((module) => {
    module.lend(kit);
    return module;
  });
  return failures.catch((error: unknown) => {
    failures = undefined;
    throw new Error(
      `@sciclients/core could not load the code that describes a failed request (a chunk of the app did not load)${failed ? `; the request failed: ${failed}` : ""}`,
      { cause: error },
    );
  });
}

/** Turns an axios failure into an ApiError for `service`, without the credentials the request carried. */
export async function toApiError(service: string, error: AxiosError): Promise<ApiError> {
  return (await loadFailures(error.message)).toApiError(service, error);
}

/**
 * What a client does with one operation's request: sends it through its
 * axios instance, turns failures into `ApiError`, checks that a JSON
 * operation answered JSON, and returns the response body.
 */
export async function sendOperation<T>(
  client: ServiceClient,
  service: string,
  config: OperationConfig,
  options: RequestOptions | undefined,
  validation?: ResponseValidation,
): Promise<ResponseBody<T>> {
  const name = config.operation;
  const method = (config.method ?? "GET").toUpperCase();
  const operation = name ?? `${method} ${config.url ?? ""}`;
  if (client.service !== service) throw new TypeError(`A ${client.service} client cannot send ${service} requests (${operation})`);
  const refused = refusedPathParameter(config.url);
  if (refused !== undefined) throw (await loadFailures()).refusedPath(service, operation, method, config.url ?? "", refused);
  // The call's options over the operation's config (headers merged, the operation's query kept).
  const merged: AxiosRequestConfig = { ...config };
  if (options) {
    for (const key in options) {
      if (key !== "client" && key !== "onResponse") (merged as Record<string, unknown>)[key] = (options as Record<string, unknown>)[key];
    }
    if (options.headers) merged.headers = { ...(config.headers as Record<string, string>), ...(options.headers as Record<string, string>) };
    merged.params = config.params;
    merged.signal = options.signal ?? config.signal;
  }
  // A declared JSON answer is read as text and parsed here, so that an answer that is not JSON is an error, not a string.
  const json = merged.responseType === "json";
  if (json) merged.responseType = "text";
  // Node's http adapter has no Blob responses: read bytes.
  const binary = merged.responseType === "blob" && kit.inNode();
  if (binary) merged.responseType = "arraybuffer";
  let response: AxiosResponse;
  try {
    response = await client.axios.request(merged);
  } catch (error) {
    if (isAxiosError(error)) throw await (await loadFailures(error.message)).toApiError(service, error);
    throw error;
  }
  if (options?.onResponse) {
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(response.headers ?? {})) {
      if (value !== undefined && value !== null) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    }
    options.onResponse({ status: response.status, headers });
  }
  const data: unknown = response.data;
  if (binary) return (data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer)) as ResponseBody<T>;
  // No content: the typed result is `void`, so give back undefined rather than axios's "".
  const empty = response.status === 204 || response.status === 205;
  if (json && typeof data === "string" && !empty) {
    let body: unknown;
    try {
      body = JSON.parse(data);
    } catch {
      throw (await loadFailures()).invalidResponse(service, operation, response, data);
    }
    if (validation) {
      const issues = validation.validators.check(operation, response.status, body);
      // Reported (warned or thrown) by the failure code, loaded on the first difference.
      if (issues.length > 0) (await loadFailures()).checkShape(validation, service, operation, response, issues);
    }
    return body as ResponseBody<T>;
  }
  if (empty || data === "") return undefined as ResponseBody<T>;
  return data as ResponseBody<T>;
}
