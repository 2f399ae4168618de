// Polling shared by the DSS waiters: the official client's backoff, an
// injectable sleep, and AbortSignal handling.
import type { RequestOptions } from "@sciclients/core";
import type { DssClient } from "./client.js";

/** How long to wait between two polls: `initialMs`, then times `factor` after each poll, never more than `maxMs`. */
export interface DssBackoff {
  /** First wait, in milliseconds (default 200). */
  initialMs?: number;
  /** Growth of the wait after each poll (default 1.1). */
  factor?: number;
  /** Longest wait, in milliseconds (default 15 000). */
  maxMs?: number;
}

/** The official DSS client's backoff for long tasks: 200 ms, times 1.1 per poll, at most 15 s. */
export const DSS_DEFAULT_BACKOFF: Readonly<Required<DssBackoff>> = Object.freeze({ initialMs: 200, factor: 1.1, maxMs: 15_000 });

/**
 * Waits `ms` milliseconds. Rejects with the signal's reason when it is aborted.
 * Tests pass their own to record the delays without waiting.
 */
export type DssSleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Options every waiter (`waitForFuture`, `runJobAndWait`, `runScenarioAndWait`) takes. */
export interface DssWaitOptions {
  /** Stops waiting: the waiter rejects with `signal.reason` (an `AbortError` unless you gave another reason). */
  signal?: AbortSignal;
  /** Also stop the work on DSS (abort the long task, job or scenario) when `signal` aborts. Default false: only the waiting stops. */
  abortOnSignal?: boolean;
  /** Waits between polls; default the official backoff ({@link DSS_DEFAULT_BACKOFF}). */
  backoff?: DssBackoff;
  /** How to wait; default a timer. Give your own to test without waiting, or to log. */
  sleep?: DssSleep;
  /** Other request options (headers, timeout) for every call the waiter makes. */
  request?: Omit<RequestOptions, "client" | "signal">;
}

/** The default {@link DssSleep}: a timer that an AbortSignal cancels. */
export const sleepFor: DssSleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** The successive waits of a backoff, in whole milliseconds. */
export function* backoffDelays(backoff: DssBackoff = {}): Generator<number, never> {
  const { initialMs, factor, maxMs } = { ...DSS_DEFAULT_BACKOFF, ...backoff };
  let delay = Math.min(initialMs, maxMs);
  for (;;) {
    yield Math.round(delay);
    delay = Math.min(delay * factor, maxMs);
  }
}

/** Request options for one call made on behalf of a waiter. */
export function requestOptions(client: DssClient, options: Pick<DssWaitOptions, "signal" | "request">): RequestOptions {
  return { ...options.request, client, ...(options.signal ? { signal: options.signal } : {}) };
}

/**
 * Calls `poll` until `done` says so, sleeping with the backoff in between.
 * Every value is handed to `onValue` first.
 */
export async function pollUntil<T>(
  poll: () => Promise<T>,
  done: (value: T) => boolean,
  options: Pick<DssWaitOptions, "signal" | "backoff" | "sleep">,
  onValue?: (value: T) => void,
): Promise<T> {
  const sleep = options.sleep ?? sleepFor;
  const delays = backoffDelays(options.backoff);
  for (;;) {
    options.signal?.throwIfAborted();
    const value = await poll();
    onValue?.(value);
    if (done(value)) return value;
    await sleep(delays.next().value, options.signal);
  }
}

/**
 * Runs `work`; when it stops because `signal` aborted, optionally stops the
 * work on DSS too (`stopRemote`) and rejects with the signal's reason. If
 * stopping the work on DSS fails, that failure is thrown instead, since the
 * work may still be running.
 */
export async function withAbort<T>(
  options: Pick<DssWaitOptions, "signal" | "abortOnSignal">,
  work: () => Promise<T>,
  stopRemote: (() => Promise<unknown>) | undefined,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const { signal } = options;
    if (!signal?.aborted) throw error;
    if (options.abortOnSignal && stopRemote) await stopRemote();
    throw signal.reason;
  }
}
