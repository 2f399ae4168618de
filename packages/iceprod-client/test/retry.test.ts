// IceProd clients retry by default (like rest-tools): through the generated
// functions, with an injected sleep that records the waits instead of waiting.
import {
  ApiError,
  createIceprodClient,
  type DatasetCreateRequest,
  ICEPROD_BASE_URL,
  type IceprodClientOptions,
  type RetryInfo,
} from "@sciclients/iceprod-client";
import { createDataset, getDataset, listDatasets, updateDatasetStatus } from "@sciclients/iceprod-client/datasets";
import { getDatasetSummariesByStatus } from "@sciclients/iceprod-client/summaries";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const BASE = "https://iceprod.test";

/** An IceProd client whose retries record their waits and infos instead of waiting. */
function recordingClient(retry: Exclude<IceprodClientOptions["retry"], false> = {}) {
  const delays: number[] = [];
  const infos: RetryInfo[] = [];
  const client = createIceprodClient({
    baseURL: BASE,
    retry: {
      jitter: "none",
      ...retry,
      sleep: async (ms) => {
        delays.push(ms);
      },
      onRetry: (info) => infos.push(info),
    },
  });
  return { client, delays, infos };
}

/** Answers in turn (the last repeats), counting calls. */
function answers(list: (() => Response)[]) {
  const state = { calls: 0 };
  const next = () => {
    const answer = list[Math.min(state.calls, list.length - 1)] as () => Response;
    state.calls += 1;
    return answer();
  };
  return { state, next };
}

const iceprodError =
  (status: number, headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json({ code: status, error: status === 503 ? "Service Unavailable" : `error ${status}` }, { status, headers });

const failureOf = (pending: Promise<unknown>): Promise<ApiError> =>
  pending.then(
    () => {
      throw new Error("expected the request to fail");
    },
    (error: unknown) => error as ApiError,
  );

const newDataset: DatasetCreateRequest = {
  description: "CORSIKA test",
  jobs_submitted: 10,
  tasks_submitted: 20,
  tasks_per_job: 2,
  group: "users",
};

describe("IceProd retries", () => {
  it("are on by default, against the public deployment unless told otherwise", async () => {
    expect(ICEPROD_BASE_URL).toBe("https://api.iceprod.icecube.aq");
    // Retry-After: 0 keeps the default (real) sleep from waiting.
    const { state, next } = answers([iceprodError(503, { "Retry-After": "0" }), () => HttpResponse.json({ d1: { dataset_id: "d1" } })]);
    server.use(http.get(`${ICEPROD_BASE_URL}/datasets`, next));
    const client = createIceprodClient();
    expect(client.baseURL).toBe(ICEPROD_BASE_URL);
    await expect(listDatasets(undefined, { client })).resolves.toEqual({ d1: { dataset_id: "d1" } });
    expect(state.calls).toBe(2);
  });

  it("a 503 with Retry-After, then success: the wait is what the server asked for", async () => {
    const { state, next } = answers([iceprodError(503, { "Retry-After": "7" }), () => HttpResponse.json({ d1: { dataset_id: "d1" } })]);
    server.use(http.get(`${BASE}/datasets`, next));
    const { client, delays, infos } = recordingClient();
    await expect(listDatasets(undefined, { client })).resolves.toEqual({ d1: { dataset_id: "d1" } });
    expect(state.calls).toBe(2);
    expect(delays).toEqual([7000]);
    expect(infos[0]).toMatchObject({ retry: 1, maxRetries: 10, status: 503, retryAfter: true, method: "GET", url: `${BASE}/datasets` });
  });

  it("exhausted retries fail with an ApiError carrying the last status and IceProd's error body", async () => {
    const { state, next } = answers([iceprodError(502), iceprodError(500), iceprodError(504)]);
    server.use(http.get(`${BASE}/datasets/:id`, next));
    const { client, delays } = recordingClient({ maxRetries: 2 });
    const error = await failureOf(getDataset("d1", { client }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(504);
    expect(error.body).toEqual({ code: 504, error: "error 504" });
    expect(error.message).toBe(`iceprod: GET ${BASE}/datasets/d1 answered 504: error 504`);
    expect(state.calls).toBe(3);
    expect(delays).toEqual([300, 600]);
  });

  it("the defaults follow rest-tools: 10 retries starting at 0.3 s and doubling", async () => {
    const { state, next } = answers([iceprodError(503)]);
    server.use(http.get(`${BASE}/dataset_summaries/status`, next));
    const { client, delays } = recordingClient();
    expect((await failureOf(getDatasetSummariesByStatus({ client }))).status).toBe(503);
    expect(state.calls).toBe(11);
    expect(delays).toEqual([300, 600, 1200, 2400, 4800, 9600, 19200, 30000, 30000, 30000]);
  });

  it("a POST (creating a dataset) is not retried by default", async () => {
    const { state, next } = answers([
      iceprodError(503, { "Retry-After": "1" }),
      () => HttpResponse.json({ result: "d9" }, { status: 201 }),
    ]);
    server.use(http.post(`${BASE}/datasets`, next));
    const { client, delays } = recordingClient();
    const error = await failureOf(createDataset(newDataset, { client }));
    expect(error.status).toBe(503);
    expect(state.calls).toBe(1);
    expect(delays).toEqual([]);
  });

  it("a POST is retried, with its body intact, when the client is told to", async () => {
    const bodies: unknown[] = [];
    const { state, next } = answers([iceprodError(500), () => HttpResponse.json({ result: "d9" }, { status: 201 })]);
    server.use(
      http.post(`${BASE}/datasets`, async ({ request }) => {
        bodies.push(await request.json());
        return next();
      }),
    );
    const { client } = recordingClient({ methods: ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "POST"] });
    await expect(createDataset(newDataset, { client })).resolves.toEqual({ result: "d9" });
    expect(state.calls).toBe(2);
    expect(bodies).toEqual([newDataset, newDataset]);
  });

  it("a PUT is retried by default (it is idempotent)", async () => {
    const { state, next } = answers([iceprodError(408), () => HttpResponse.json({})]);
    server.use(http.put(`${BASE}/datasets/:id/status`, next));
    const { client } = recordingClient();
    await expect(updateDatasetStatus("d1", { status: "suspended" }, { client })).resolves.toEqual({});
    expect(state.calls).toBe(2);
  });

  it("a 429 with an HTTP-date Retry-After waits until that date", async () => {
    const now = Date.parse("2026-03-05T18:00:00Z");
    const { next } = answers([iceprodError(429, { "Retry-After": "Thu, 05 Mar 2026 18:00:12 GMT" }), () => HttpResponse.json({})]);
    server.use(http.get(`${BASE}/datasets`, next));
    const { client, delays } = recordingClient({ now: () => now });
    await listDatasets(undefined, { client });
    expect(delays).toEqual([12_000]);
  });

  it("a network error is retried", async () => {
    const { state, next } = answers([() => HttpResponse.error(), () => HttpResponse.json({ ok: 1 })]);
    server.use(http.get(`${BASE}/datasets`, next));
    const { client, delays, infos } = recordingClient();
    await expect(listDatasets(undefined, { client })).resolves.toEqual({ ok: 1 });
    expect(state.calls).toBe(2);
    expect(delays).toEqual([300]);
    expect(infos[0]?.status).toBeUndefined();
  });

  it("an abort during the backoff stops: ERR_CANCELED, no second request", async () => {
    const { state, next } = answers([iceprodError(503, { "Retry-After": "30" }), () => HttpResponse.json({})]);
    server.use(http.get(`${BASE}/datasets`, next));
    const controller = new AbortController();
    const asked: number[] = [];
    const client = createIceprodClient({
      baseURL: BASE,
      retry: {
        sleep: (ms, signal) =>
          new Promise((_resolve, reject) => {
            asked.push(ms);
            signal?.addEventListener("abort", () => reject(signal.reason));
            controller.abort();
          }),
      },
    });
    const error = await failureOf(listDatasets(undefined, { client, signal: controller.signal }));
    expect(asked).toEqual([30_000]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("ERR_CANCELED");
    expect(error.status).toBeUndefined();
    expect(state.calls).toBe(1);
  });

  it("`retry: false` turns retries off", async () => {
    const { state, next } = answers([iceprodError(503), () => HttpResponse.json({})]);
    server.use(http.get(`${BASE}/datasets`, next));
    const client = createIceprodClient({ baseURL: BASE, retry: false });
    expect((await failureOf(listDatasets(undefined, { client }))).status).toBe(503);
    expect(state.calls).toBe(1);
  });
});
