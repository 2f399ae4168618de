// Waiting for a DSS long task ("future"): GET /futures/{jobId}?peek=true with the
// official backoff until it has a result or died, then one GET without peek for the result.
import { isApiError } from "@sciclients/core";
import type { DssClient } from "./client.js";
import { abortFuture, getFuture } from "./generated/functions/futures/futures.js";
import type { FutureStart, FutureState, FutureStateProgress } from "./generated/model/index.js";
import { type DssWaitOptions, pollUntil, requestOptions, withAbort } from "./polling.js";

export interface WaitForFutureOptions extends DssWaitOptions {
  /** Called after every poll that reports progress, with the state's `progress` field and the whole state. */
  onProgress?: (progress: FutureStateProgress, state: FutureState) => void;
}

/** Why a long task gave no result. */
export type DssFutureFailure = "failed" | "aborted";

/**
 * A DSS long task ended without a result: it failed (DSS reported an error,
 * or it died without a result) or it was aborted on DSS. `cause` is the
 * `ApiError` when DSS answered the final state request with an error.
 */
export class DssFutureError extends Error {
  override readonly name = "DssFutureError";
  /** Identifier of the long task. */
  readonly jobId: string;
  readonly failure: DssFutureFailure;
  /** The last state DSS reported, if any. */
  readonly state: FutureState | undefined;

  constructor(init: { jobId: string; failure: DssFutureFailure; message: string; state?: FutureState; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.jobId = init.jobId;
    this.failure = init.failure;
    this.state = init.state;
  }
}

export function isDssFutureError(value: unknown): value is DssFutureError {
  return value instanceof DssFutureError;
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** A DSS error body (`{errorType, message, detailedMessage}`) found in a state or its result. */
function errorPayload(state: FutureState): { errorType: string; message?: string } | undefined {
  for (const candidate of [state, state.result]) {
    if (candidate === null || typeof candidate !== "object") continue;
    const body = candidate as Record<string, unknown>;
    const errorType = text(body.errorType);
    if (errorType) return { errorType, message: text(body.message) ?? text(body.detailedMessage) };
  }
  return undefined;
}

function failureOf(jobId: string, state: FutureState): DssFutureError {
  const name = text(state.jobDisplayName) ? `"${state.jobDisplayName}" (${jobId})` : jobId;
  if (state.aborted === true) return new DssFutureError({ jobId, failure: "aborted", state, message: `DSS long task ${name} was aborted` });
  const error = errorPayload(state);
  const detail = error ? `: ${error.message ?? error.errorType}` : " without a result";
  return new DssFutureError({ jobId, failure: "failed", state, message: `DSS long task ${name} failed${detail}` });
}

/**
 * Waits for a DSS long task and returns its result, like the official
 * client's `DSSFuture.wait_for_result`.
 *
 * Polls `GET /futures/{jobId}?peek=true` with the official backoff (200 ms,
 * times 1.1 per poll, at most 15 s) until the state has a result or is no
 * longer alive, then reads the result with one `GET /futures/{jobId}` (no
 * peek, which hands the result over). Pass the `{ jobId, hasResult, result }`
 * reply of the call that started the task to skip polling when the result is
 * already there.
 *
 * - a task that died without a result, was aborted on DSS, or carries a DSS
 *   error body rejects with {@link DssFutureError}; when DSS answers the final
 *   request with an error, that `ApiError` is the `cause`;
 * - errors while polling (credentials, network) reject with the `ApiError` as is;
 * - `signal` stops the polling and rejects with `signal.reason`; with
 *   `abortOnSignal: true` the task is aborted on DSS too (`DELETE /futures/{jobId}`).
 *
 * `Result` is the type of the task's result as you expect it; it is not checked.
 */
export async function waitForFuture<Result = unknown>(
  client: DssClient,
  future: string | FutureStart,
  options: WaitForFutureOptions = {},
): Promise<Result> {
  if (typeof future !== "string" && future.hasResult === true && "result" in future) return future.result as Result;
  const jobId = typeof future === "string" ? future : future.jobId;
  if (!jobId) throw new TypeError("waitForFuture needs a long task id (jobId)");
  const request = () => requestOptions(client, options);
  const stop = () => abortFuture(jobId, { ...options.request, client });

  return withAbort(
    options,
    async () => {
      const last = await pollUntil(
        () => getFuture(jobId, { peek: true }, request()),
        (state) => state.hasResult === true || state.alive === false,
        options,
        (state) => {
          if (state.progress && options.onProgress) options.onProgress(state.progress, state);
        },
      );
      let final: FutureState;
      try {
        final = await getFuture(jobId, { peek: false }, request());
      } catch (error) {
        if (isApiError(error) && error.status !== undefined) {
          const reason = text((error.body as Record<string, unknown> | undefined)?.message) ?? error.message;
          throw new DssFutureError({
            jobId,
            failure: "failed",
            state: last,
            message: `DSS long task ${jobId} failed: ${reason}`,
            cause: error,
          });
        }
        throw error;
      }
      if (final.hasResult === true && !errorPayload(final)) return final.result as Result;
      throw failureOf(jobId, { ...last, ...final });
    },
    stop,
  );
}
