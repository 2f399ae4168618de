// Shared by the helper tests: one DSS client, an MSW server that refuses any
// request no handler expects, a log of the requests made, and a sleep that
// records the waits asked of it instead of waiting.
import { createDssClient, type DssSleep } from "@sciclients/dss-client";
import type { RequestHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

export const baseURL = "https://dss.test/public/api";
export const dss = createDssClient({ baseURL });

export interface LoggedRequest {
  method: string;
  /** Path below the base URL, e.g. `/futures/F1`. */
  path: string;
  query: Record<string, string[]>;
}

export function setupDssServer(...initial: RequestHandler[]) {
  const server = setupServer(...initial);
  const requests: LoggedRequest[] = [];
  server.events.on("request:start", ({ request }) => {
    const url = new URL(request.url);
    const query: Record<string, string[]> = {};
    for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key);
    requests.push({ method: request.method, path: url.pathname.replace("/public/api", ""), query });
  });
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
  });
  afterAll(() => server.close());
  return { server, requests };
}

/** A DssSleep that resolves at once and remembers each wait; `onSleep` runs first (to abort, for instance). */
export function recordingSleep(onSleep?: (ms: number, call: number) => void): DssSleep & { delays: number[] } {
  const delays: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    delays.push(ms);
    onSleep?.(ms, delays.length);
    signal?.throwIfAborted();
  };
  return Object.assign(sleep, { delays });
}

/** Answers the i-th call with `replies[i]`, then keeps answering the last one. */
export function inTurn<T>(replies: readonly T[]): () => T {
  let call = 0;
  return () => {
    const reply = replies[Math.min(call, replies.length - 1)] as T;
    call += 1;
    return reply;
  };
}
