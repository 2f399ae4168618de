// @vitest-environment jsdom
// Streamed answers where XMLHttpRequest cannot stream (browsers): the request
// goes through axios's fetch adapter and the body is read from a ReadableStream.
import { ApiError, createIceprodClient, deleteDatasetLogsWithProgress, iterateDatasetTaskStats } from "@sciclients/iceprod-client";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const encoder = new TextEncoder();
const BASE = "https://iceprod.test";

const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};

describe("streams in a browser", () => {
  it("runs in a window, where axios would otherwise use XMLHttpRequest", () => {
    expect(typeof window).toBe("object");
    expect(typeof XMLHttpRequest).toBe("function");
  });

  it("reads progress through fetch, chunk by chunk, with the client's credentials", async () => {
    let authorization: string | null = null;
    server.use(
      http.delete(`${BASE}/datasets/:id/logs`, ({ request }) => {
        authorization = request.headers.get("authorization");
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            for (const part of [
              '{"status": "deleting", "percent_complete": 50.0, "total": 2}{"sta',
              'tus": "deleting", "percent_complete": 100.0, "total": 2}\n\n',
              '{"status": "complete", "percent_complete": 100.0}',
            ]) {
              controller.enqueue(encoder.encode(part));
              await new Promise((resolve) => setTimeout(resolve, 1));
            }
            controller.close();
          },
        });
        return new HttpResponse(body, { headers: { "Content-Type": "application/x-ndjson" } });
      }),
    );
    const client = createIceprodClient({
      baseURL: BASE,
      auth: { getAuthHeaders: async () => ({ Authorization: "Bearer browser-token" }) },
    });
    const progress = await collect(deleteDatasetLogsWithProgress(client, "d1"));
    expect(progress.map((p) => p.percent_complete)).toEqual([50, 100, 100]);
    expect(progress.at(-1)?.status).toBe("complete");
    expect(authorization).toBe("Bearer browser-token");
  });

  it("an HTTP error through fetch is an ApiError with the service's body", async () => {
    server.use(
      http.get(`${BASE}/datasets/:id/bulk/task_stats`, () => HttpResponse.json({ code: 404, error: "dataset not found" }, { status: 404 })),
    );
    const client = createIceprodClient({ baseURL: BASE, retry: false });
    const error = await collect(iterateDatasetTaskStats(client, "nope")).then(
      () => undefined,
      (e: unknown) => e as ApiError,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error?.status).toBe(404);
    expect(error?.body).toEqual({ code: 404, error: "dataset not found" });
  });

  // XMLHttpRequest would wait for the whole body, which never ends here: the first
  // record arriving proves the body is read as it streams.
  it("records arrive before the body ends, and an abort while reading stops with ERR_CANCELED", async () => {
    server.use(
      http.get(`${BASE}/datasets/:id/bulk/task_stats`, () => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode('{"task_stat_id": "s1"}\n'));
            // left open: only the abort ends it
          },
        });
        return new HttpResponse(body, { headers: { "Content-Type": "application/x-ndjson" } });
      }),
    );
    const controller = new AbortController();
    const client = createIceprodClient({ baseURL: BASE });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const stat of iterateDatasetTaskStats(client, "d1", undefined, { signal: controller.signal })) {
        seen.push(stat.task_stat_id);
        controller.abort();
      }
    })().then(
      () => undefined,
      (e: unknown) => e as ApiError,
    );
    expect(seen).toEqual(["s1"]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error?.code).toBe("ERR_CANCELED");
  });
});
