// How a failed request becomes an ApiError: the error body read and parsed,
// the service's own code and message picked out; and the ApiErrors of
// answers that are not the JSON the operation declares, of bodies that
// differ from the spec, of refused path parameters. Loaded on the first
// failure (operation.ts). It imports axios, types and modules only lazy
// modules reach, and is lent ApiError (see pipeline.ts for why).
import axios, { type AxiosError, type AxiosRequestConfig, type AxiosResponse } from "axios";
import type { ApiError } from "./errors.js";
import { redactStrings, redactUrl } from "./redact-request.js";
import { pathTemplate } from "./refused-path.js";
import { secretsOf } from "./secrets.js";
import type { ResponseIssue, ResponseValidation } from "./validation-types.js";

/** What failures.ts is lent: the ApiError class the package exports, and redaction by value. */
export interface FailureKit {
  ApiError: typeof ApiError;
  redactSecrets: (text: string, secrets: readonly (string | undefined)[]) => string;
}

let kit: FailureKit;
/** Called once by the loader, before anything else here. */
export function lend(given: FailureKit): void {
  kit = given;
}

/** The error of an operation not sent: a path parameter that is empty, "." or "..". */
export function refusedPath(service: string, operation: string, method: string, url: string, refused: string): ApiError {
  const { ApiError } = kit;
  return new ApiError({
    service,
    status: undefined,
    code: "invalid_path_parameter",
    message: `${service}: ${operation} was not sent: its path parameter ${refused} is empty, "." or "..", which would change the resource the path names`,
    body: undefined,
    method,
    url: pathTemplate(url),
  });
}

/** A parsed body with the secrets (and JWTs) taken out of every string in it: the ApiError constructor does this only for text. */
const redactBody = <T>(body: T, secrets: readonly (string | undefined)[]): T =>
  redactStrings(body, (text) => kit.redactSecrets(text, secrets));

const pickString = (body: unknown, keys: readonly string[]): string | undefined => {
  if (body === null || typeof body !== "object") return undefined;
  for (const key of keys) {
    const value = (body as Record<string, unknown>)[key];
    if (typeof value === "string" && value.length > 0) return value;
    if (typeof value === "number") return String(value);
  }
  return undefined;
};

/** Reads an error body (text, Blob or bytes) as JSON when it is JSON. */
async function decodeBody(data: unknown): Promise<unknown> {
  let text: string;
  if (typeof data === "string") text = data;
  else if (typeof Blob !== "undefined" && data instanceof Blob) text = await data.text();
  else if (data instanceof ArrayBuffer || data instanceof Uint8Array) text = new TextDecoder().decode(data);
  else return data;
  if (text === "") return undefined;
  if (!/^\s*[[{"]/.test(text)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The request line of a config, as axios sends it (baseURL + url + query string), with credential-shaped parts hidden. */
function requestUrlOf(config: AxiosError["config"]): string {
  let url: string;
  try {
    url = config ? axios.getUri(config) : "";
  } catch {
    url = config?.url ?? "";
  }
  return redactUrl(url);
}

/** Transport codes that mean "no answer in time". */
const isTimeout = (error: AxiosError) => error.code === "ETIMEDOUT" || (error.code === "ECONNABORTED" && /timeout/i.test(error.message));

/** Turns an axios failure into an ApiError for `service`, without the credentials the request carried. */
export async function toApiError(service: string, error: AxiosError): Promise<ApiError> {
  const { ApiError } = kit;
  const config = error.config;
  const method = (config?.method ?? "get").toUpperCase();
  const secrets = secretsOf(config);
  const url = requestUrlOf(config);
  const status = error.response?.status;
  const body = await decodeBody(error.response?.data);
  const serviceCode = pickString(body, ["errorType", "code"]);
  const serviceMessage =
    pickString(body, ["error", "message", "msg", "detailedMessage"]) ?? (typeof body === "string" && body.length < 500 ? body : undefined);
  const message =
    status === undefined
      ? `${service}: ${method} ${url} failed: ${error.message}`
      : `${service}: ${method} ${url} answered ${status}${serviceMessage ? `: ${serviceMessage}` : ""}`;
  return new ApiError({
    service,
    status,
    code: serviceCode ?? (isTimeout(error) ? "timeout" : error.code),
    message,
    body: redactBody(body, secrets),
    method,
    url,
    cause: error,
    secrets,
  });
}

/** A 2xx answer that is not the JSON the operation declares (an HTML login page, a truncated body, nothing). */
export function invalidResponse(
  service: string,
  operation: string,
  response: { status: number; headers: unknown; config: object },
  text: string,
) {
  const { ApiError } = kit;
  const headers = response.headers as { get?(name: string): unknown } | undefined;
  const type = headers?.get?.("content-type");
  const config = response.config as AxiosRequestConfig;
  const method = (config.method ?? "GET").toUpperCase();
  const url = requestUrlOf(config as never);
  const start = text.length > 120 ? `${text.slice(0, 120)}…` : text;
  return new ApiError({
    service,
    status: response.status,
    code: "invalid_response",
    message: `${service}: ${operation} answered ${response.status} (${type ? String(type) : "no content type"}) with ${text === "" ? "an empty body" : `a body that is not JSON: ${JSON.stringify(start)}`}, where the operation declares JSON`,
    body: undefined,
    method,
    url,
    secrets: secretsOf(response.config),
  });
}

/** Response validation: warns once per operation, status and JSON path, or throws an ApiError listing every issue. */
export function checkShape(
  validation: ResponseValidation,
  service: string,
  operation: string,
  response: AxiosResponse,
  issues: ResponseIssue[],
): void {
  const { ApiError } = kit;
  const status = response.status;
  const describe = (issue: (typeof issues)[number]) => `at ${issue.path} expected ${issue.expected}, received ${issue.received}`;
  if (validation.mode === "error") {
    const config = response.config as AxiosRequestConfig;
    const secrets = secretsOf(response.config);
    throw new ApiError({
      service,
      status,
      code: "invalid_response_shape",
      message: `${service}: ${operation} answered ${status} with a body that differs from the spec: ${issues.map(describe).join("; ")}`,
      body: redactBody({ issues }, secrets),
      method: (config.method ?? "GET").toUpperCase(),
      url: requestUrlOf(config as never),
      secrets,
    });
  }
  for (const issue of issues) {
    // Once per place, not per array element: items[0] and items[7] are one report.
    const key = `${operation} ${status} ${issue.path.replace(/\[\d+\]/g, "[]")}`;
    if (validation.reported.has(key)) continue;
    validation.reported.add(key);
    (validation.warn ?? ((warning) => console.warn(warning.message)))({
      service,
      operation,
      status,
      issue,
      message: `${service}: ${operation} answered ${status} with a body that differs from the spec: ${describe(issue)}`,
    });
  }
}
