// IceProd's streamed answers, read as async iterators of typed records:
// `DELETE /datasets/{id}/logs` (progress) and `GET /datasets/{id}/bulk/task_stats`.
// The request goes through the client's axios instance, so credentials,
// their renewal and retries apply as for any other call. Node reads the body
// with axios's http adapter (`responseType: "stream"`); elsewhere (browsers)
// axios's fetch adapter hands over the ReadableStream, since XMLHttpRequest
// cannot stream.
import { ApiError, inNode, type RetryOptions, type ServiceClient, toApiError } from "@sciclients/core";
import axios, { type AxiosRequestConfig, type AxiosResponse, CanceledError } from "axios";
import type { IceprodClient } from "./client.js";
import { deleteTaskLogs } from "./generated/functions/logs/logs.js";
import { listDatasetTasks } from "./generated/functions/tasks/tasks.js";
import type { LogDeletionProgress, StreamDatasetTaskStatsParams, TaskStatRecord } from "./generated/model/index.js";
import { parseJsonStream, StreamParseError } from "./ndjson.js";

/** Options of every streamed call. */
export interface StreamOptions {
  /** Stops the request, the reading, and any wait before a retry; the iterator then throws an `ApiError` with code `ERR_CANCELED`. */
  signal?: AbortSignal;
  /** Extra request headers (credentials come from the client's `auth`). */
  headers?: Record<string, string>;
  /**
   * Timeout in ms. In Node it is the longest silence on the connection; with
   * fetch (browsers) it bounds the whole stream, so it defaults to none there.
   * Default: the client's.
   */
  timeout?: number;
  /** Retry settings for this call over the client's (`false`: none). Retries happen only before the first record arrives. */
  retry?: RetryOptions | false;
}

/** A streamed request: method, path under the client's base URL and query. */
export interface StreamRequest {
  method: "GET" | "DELETE" | "POST" | "PUT" | "PATCH";
  url: string;
  params?: Record<string, unknown>;
}

export interface JsonStreamOptions<T> extends StreamOptions {
  validate?: (value: unknown) => value is T;
  recordName?: string;
}

type Chunk = string | Uint8Array | ArrayBuffer;

/** A response body, whatever the adapter gave (a web ReadableStream, a Node stream, or text), as chunks that can be closed early. */
interface Body {
  chunks: AsyncIterable<Chunk> | Iterable<Chunk>;
  /** Stops reading and frees the connection; a pending read ends. Safe to call twice. */
  close(): void;
}

function bodyOf(data: unknown): Body {
  if (data === undefined || data === null) return { chunks: [], close() {} };
  if (typeof data === "string" || data instanceof Uint8Array || data instanceof ArrayBuffer) return { chunks: [data], close() {} };
  if (typeof (data as ReadableStream<Uint8Array>).getReader === "function") {
    // A reader rather than async iteration: Safari's streams are not async-iterable, and
    // cancelling the reader also ends a read that is waiting for the next chunk.
    const reader = (data as ReadableStream<Uint8Array>).getReader();
    async function* chunks(): AsyncGenerator<Chunk> {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    }
    return { chunks: chunks(), close: () => void reader.cancel().catch(() => {}) };
  }
  if (typeof (data as AsyncIterable<Chunk>)[Symbol.asyncIterator] === "function") {
    const destroy = (data as { destroy?: unknown }).destroy;
    return { chunks: data as AsyncIterable<Chunk>, close: () => (typeof destroy === "function" ? destroy.call(data) : undefined) };
  }
  throw new TypeError("The response body is not a stream");
}

/** Reads an error body that arrived as a stream, so that ApiError gets the service's `{code, error}`. */
async function readErrorBody(data: unknown): Promise<unknown> {
  if (data === null || typeof data !== "object" || data instanceof ArrayBuffer || data instanceof Uint8Array) return data;
  const decoder = new TextDecoder();
  const body = bodyOf(data);
  let text = "";
  try {
    for await (const chunk of body.chunks) {
      text +=
        typeof chunk === "string" ? chunk : decoder.decode(chunk instanceof ArrayBuffer ? new Uint8Array(chunk) : chunk, { stream: true });
      if (text.length > 64 * 1024) break; // an error body, not a download
    }
  } finally {
    body.close();
  }
  text += decoder.decode();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function requestFailure(service: string, error: unknown): Promise<unknown> {
  if (!axios.isAxiosError(error)) return error;
  if (error.response) {
    try {
      error.response.data = await readErrorBody(error.response.data);
    } catch {
      error.response.data = undefined;
    }
  }
  return toApiError(service, error);
}

/**
 * Sends `request` through `client` and yields each JSON document of the
 * answer as it arrives (see `parseJsonStream`). HTTP failures throw
 * `ApiError`; a malformed document throws `StreamParseError`; a connection
 * that breaks mid-stream throws `ApiError` without a status. Stopping the
 * iteration early (`break`) closes the connection.
 */
export async function* streamJson<T>(
  client: ServiceClient,
  request: StreamRequest,
  options: JsonStreamOptions<T> = {},
): AsyncGenerator<T, void, undefined> {
  const { signal, headers, timeout, retry, validate, recordName } = options;
  const isNode = inNode();
  const config: AxiosRequestConfig = {
    method: request.method,
    url: request.url,
    params: request.params,
    headers: { Accept: "application/x-ndjson, application/json", ...headers },
    responseType: "stream",
    ...(signal ? { signal } : {}),
    ...(isNode ? {} : { adapter: "fetch" }),
    ...(timeout !== undefined ? { timeout } : isNode ? {} : { timeout: 0 }),
    ...(retry !== undefined ? { retry } : {}),
  };
  let response: AxiosResponse;
  try {
    response = await client.axios.request(config);
  } catch (error) {
    throw await requestFailure(client.service, error);
  }
  const source = `${client.service}: ${request.method} ${request.url}`;
  const body = bodyOf(response.data);
  // Not every body errors when the request is aborted (a fetch body may just stall): close it ourselves.
  const onAbort = () => body.close();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for await (const record of parseJsonStream<T>(body.chunks, {
      source,
      ...(validate ? { validate } : {}),
      ...(recordName ? { recordName } : {}),
    })) {
      if (signal?.aborted) break;
      yield record;
    }
  } catch (error) {
    // Ours (a malformed or unexpected document) as is; anything else is the connection or the body stream.
    if (error instanceof StreamParseError && !signal?.aborted) throw error;
    throw await brokenStream(client.service, response, error, signal);
  } finally {
    signal?.removeEventListener("abort", onAbort);
    body.close();
  }
  if (signal?.aborted) throw await brokenStream(client.service, response, signal.reason, signal);
}

/** The ApiError of a stream that stopped: cancelled by the caller, or cut by the network. */
async function brokenStream(service: string, response: AxiosResponse, cause: unknown, signal: AbortSignal | undefined): Promise<ApiError> {
  const config = response.config;
  if (signal?.aborted) return toApiError(service, new CanceledError(undefined, config, response.request));
  const code = (cause as { code?: unknown } | null)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  const error = new axios.AxiosError(
    `the stream broke after the response started: ${message}`,
    typeof code === "string" ? code : "ERR_STREAM",
    config,
    response.request,
  );
  const apiError = await toApiError(service, error);
  Object.defineProperty(apiError, "cause", { value: cause, enumerable: false, configurable: true, writable: true });
  return apiError;
}

/** True for an object shaped like one document of the log-deletion progress stream. */
export function isLogDeletionProgress(value: unknown): value is LogDeletionProgress {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return typeof record.status === "string" && typeof record.percent_complete === "number";
}

/** True for an object shaped like a task statistic (its id is always sent, whatever the `keys`). */
export function isTaskStatRecord(value: unknown): value is TaskStatRecord {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  return typeof (value as Record<string, unknown>).task_stat_id === "string";
}

const datasetPath = (datasetId: string) => `/datasets/${encodeURIComponent(String(datasetId))}`;

/** Why `DELETE /datasets/{id}/logs` fails, added to its 500's message. */
const DATASET_LOGS_BUG =
  "IceProd's handler for DELETE /datasets/{dataset_id}/logs fails on every call (it expects a task_id the route does not capture; IceProd d142e63) and deletes nothing; deleteDatasetLogsByTask deletes the logs task by task instead";

/**
 * Deletes every log of a dataset (`DELETE /datasets/{id}/logs`), yielding the
 * server's progress documents as they arrive, the last one
 * `{ status: "complete", percent_complete: 100 }`. A stream that ends without
 * that last document throws a `StreamParseError` (reason `incomplete`): the
 * deletion may not have finished.
 *
 * **IceProd's server fails this route with 500 on every call** (IceProd
 * d142e63): the call throws an `ApiError` (status 500) whose message says so,
 * without the retries a 500 would otherwise get, since each would fail the
 * same way. Until the server is fixed, use {@link deleteDatasetLogsByTask}.
 * This function reads the progress stream of a server where the route works.
 */
export async function* deleteDatasetLogsWithProgress(
  client: IceprodClient,
  datasetId: string,
  options: StreamOptions = {},
): AsyncGenerator<LogDeletionProgress, void, undefined> {
  const request: StreamRequest = { method: "DELETE", url: `${datasetPath(datasetId)}/logs` };
  // The retry statuses come from the retry code, loaded here: imported at the top, they would put it
  // in the first chunk of every app that uses this client.
  const retry = options.retry ?? {
    statuses: (await import("@sciclients/core/retry")).RETRY_STATUSES.filter((status) => status !== 500),
  };
  let complete = false;
  let count = 0;
  try {
    for await (const progress of streamJson(client, request, {
      ...options,
      retry,
      validate: isLogDeletionProgress,
      recordName: "LogDeletionProgress",
    })) {
      count += 1;
      if (progress.status === "complete") complete = true;
      yield progress;
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 500 && count === 0) {
      throw new ApiError({ ...error.toJSON(), message: `${error.message} (${DATASET_LOGS_BUG})`, cause: error });
    }
    throw error;
  }
  if (!complete) {
    throw new StreamParseError(
      `${client.service}: ${request.method} ${request.url}: the progress stream ended after ${count} record(s) without its "complete" document; the deletion may not have finished`,
      { reason: "incomplete", record: count },
    );
  }
}

/** The ids every streamed task statistic keeps; with `last=true` the server keeps only the listed keys. */
const TASK_STAT_IDS = ["task_stat_id", "task_id", "create_date"];

/**
 * Streams every task statistic of a dataset (`GET /datasets/{id}/bulk/task_stats`),
 * one typed record at a time, however large the dataset. The generated
 * `streamDatasetTaskStats` of `./task-stats` gives the whole body as one string instead.
 * A `keys` projection always gets the record's id, task id and creation date
 * added: with `last=true` the server would otherwise leave them out.
 *
 * ```ts
 * for await (const stat of iterateDatasetTaskStats(client, datasetId, { last: true, keys: keys(["stats"]) })) {
 *   console.log(stat.task_id, stat.stats);
 * }
 * ```
 */
export function iterateDatasetTaskStats(
  client: IceprodClient,
  datasetId: string,
  params?: StreamDatasetTaskStatsParams,
  options: StreamOptions = {},
): AsyncGenerator<TaskStatRecord, void, undefined> {
  const query: Record<string, unknown> | undefined = params ? { ...params } : undefined;
  if (query && typeof query.keys === "string" && query.keys !== "") {
    const listed = query.keys.split("|");
    query.keys = [...listed, ...TASK_STAT_IDS.filter((id) => !listed.includes(id))].join("|");
  }
  return streamJson(
    client,
    { method: "GET", url: `${datasetPath(datasetId)}/bulk/task_stats`, ...(query ? { params: query } : {}) },
    { ...options, validate: isTaskStatRecord, recordName: "TaskStatRecord" },
  );
}

/** Progress of {@link deleteDatasetLogsByTask}: one document per task whose logs are gone. */
export interface TaskLogDeletionProgress {
  /** The task whose logs were just deleted. */
  task_id: string;
  /** Tasks done so far, this one included. */
  done: number;
  /** Tasks of the dataset when the deletion started. */
  total: number;
  /** `100 * done / total`. */
  percent_complete: number;
}

/**
 * Deletes the logs of a dataset task by task (`DELETE
 * /datasets/{id}/tasks/{task_id}/logs` for each of its tasks, one at a time),
 * the deletion that works while IceProd's dataset-wide one fails (see
 * {@link deleteDatasetLogsWithProgress}). Yields one progress document per
 * task; stopping the iteration (`break`) or the `signal` stops before the
 * next task. Logs stored without a task id are not reached: IceProd gives a
 * user no route for them.
 *
 * ```ts
 * for await (const progress of deleteDatasetLogsByTask(client, datasetId)) {
 *   console.log(`${progress.percent_complete.toFixed(0)}%`);
 * }
 * ```
 */
export async function* deleteDatasetLogsByTask(
  client: IceprodClient,
  datasetId: string,
  options: Pick<StreamOptions, "signal" | "headers" | "timeout"> = {},
): AsyncGenerator<TaskLogDeletionProgress, void, undefined> {
  const request = { client, ...options };
  const tasks = await listDatasetTasks(datasetId, { keys: "task_id" }, request);
  const taskIds = Object.keys(tasks);
  let done = 0;
  for (const taskId of taskIds) {
    await deleteTaskLogs(datasetId, taskId, request);
    done += 1;
    yield { task_id: taskId, done, total: taskIds.length, percent_complete: (100 * done) / taskIds.length };
  }
}
