// Retries in core: which failures are sent again, how long the client waits
// (asked of an injected sleep, never of a real timer), Retry-After, limits,
// cancellation, and the order with the credentials' own 401 renewal.
import {
  ApiError,
  type CredentialsProvider,
  createRequester,
  createServiceClient,
  type RetryInfo,
  type RetryOptions,
} from "@sciclients/core";
import { abortableSleep, parseRetryAfter } from "@sciclients/core/retry";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const send = createRequester("iceprod");
const BASE = "https://retry.test/api";

/** Records every wait asked for instead of waiting. */
function recorder() {
  const delays: number[] = [];
  const retries: RetryInfo[] = [];
  const options: RetryOptions = {
    jitter: "none",
    sleep: async (ms) => {
      delays.push(ms);
    },
    onRetry: (info) => retries.push(info),
  };
  return { delays, retries, options };
}

/** Answers with the given responses in turn (the last one repeats), counting requests. */
function sequence(method: "get" | "post" | "put" | "patch" | "delete", path: string, answers: (() => Response)[]) {
  const seen = { count: 0, bodies: [] as string[] };
  server.use(
    http[method](`${BASE}${path}`, async ({ request }) => {
      seen.bodies.push(await request.text());
      const answer = answers[Math.min(seen.count, answers.length - 1)];
      seen.count += 1;
      return (answer as () => Response)();
    }),
  );
  return seen;
}

const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json({ code, error: `status ${code}` }, { status: code, headers });
const ok =
  (body: unknown = { ok: true }) =>
  () =>
    HttpResponse.json(body as never);

const failureOf = (pending: Promise<unknown>): Promise<ApiError> =>
  pending.then(
    () => {
      throw new Error("expected the request to fail");
    },
    (error: unknown) => error as ApiError,
  );

describe("retries", () => {
  it("are off unless the client asks for them", async () => {
    const seen = sequence("get", "/datasets", [status(503), ok()]);
    const client = createServiceClient("iceprod", { baseURL: BASE });
    const error = await failureOf(send({ url: "/datasets", method: "GET" }, { client }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(503);
    expect(seen.count).toBe(1);
  });

  it("a 503 with Retry-After is sent again after the time the server asked for", async () => {
    const seen = sequence("get", "/datasets", [status(503, { "Retry-After": "2" }), ok({ d1: { dataset_id: "d1" } })]);
    const { delays, retries, options } = recorder();
    const client = createServiceClient("iceprod", { baseURL: BASE, retry: options });
    await expect(send({ url: "/datasets", method: "GET" }, { client })).resolves.toEqual({ d1: { dataset_id: "d1" } });
    expect(seen.count).toBe(2);
    expect(delays).toEqual([2000]);
    expect(retries).toEqual([
      {
        retry: 1,
        maxRetries: 10,
        delayMs: 2000,
        retryAfter: true,
        method: "GET",
        url: `${BASE}/datasets`,
        status: 503,
        code: undefined,
      },
    ]);
  });

  it("exhausted retries fail with an ApiError carrying the last status, after exponential waits", async () => {
    const seen = sequence("get", "/datasets", [status(500), status(502), status(504), status(503)]);
    const { delays, options } = recorder();
    const client = createServiceClient("iceprod", { baseURL: BASE, retry: { ...options, maxRetries: 3 } });
    const error = await failureOf(send({ url: "/datasets", method: "GET" }, { client }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(503);
    expect(error.body).toEqual({ code: 503, error: "status 503" });
    expect(error.service).toBe("iceprod");
    expect(seen.count).toBe(4);
    expect(delays).toEqual([300, 600, 1200]);
  });

  it("every default status is retried: 408, 429, 500, 502, 503, 504", async () => {
    const seen = sequence("get", "/x", [status(408), status(429), status(500), status(502), status(503), status(504), ok()]);
    const { delays, options } = recorder();
    const client = createServiceClient("iceprod", { baseURL: BASE, retry: options });
    await expect(send({ url: "/x", method: "GET" }, { client })).resolves.toEqual({ ok: true });
    expect(seen.count).toBe(7);
    expect(delays).toEqual([300, 600, 1200, 2400, 4800, 9600]);
  });

  it("other failures are not retried (400, 401 without credentials, 404, 501)", async () => {
    for (const code of [400, 401, 404, 501]) {
      const seen = sequence("get", "/x", [status(code), ok()]);
      const { delays, options } = recorder();
      const client = createServiceClient("iceprod", { baseURL: BASE, retry: options });
      const error = await failureOf(send({ url: "/x", method: "GET" }, { client }));
      expect(error.status).toBe(code);
      expect(seen.count).toBe(1);
      expect(delays).toEqual([]);
    }
  });

  it("a POST is not retried by default", async () => {
    const seen = sequence("post", "/datasets", [status(503, { "Retry-After": "1" }), ok({ result: "d1" })]);
    const { delays, options } = recorder();
    const client = createServiceClient("iceprod", { baseURL: BASE, retry: options });
    const error = await failureOf(send({ url: "/datasets", method: "POST", data: { description: "x" } }, { client }));
    expect(error.status).toBe(503);
    expect(seen.count).toBe(1);
    expect(delays).toEqual([]);
  });

  it("a POST is retried, with the same JSON body, when the client's methods include it", async () => {
    const seen = sequence("post", "/datasets", [status(503), ok({ result: "d1" })]);
    const { delays, options } = recorder();
    const client = createServiceClient("iceprod", { baseURL: BASE, retry: { ...options, methods: ["get", "put", "delete", "post"] } });
    const body = { description: "dataset", jobs_submitted: 2 };
    await expect(send({ url: "/datasets", method: "POST", data: body }, { client })).resolves.toEqual({ result: "d1" });
    expect(seen.count).toBe(2);
    expect(seen.bodies.map((text) => JSON.parse(text))).toEqual([body, body]);
    expect(delays).toEqual([300]);
  });

  it("one request can opt in or out through its own `retry` option", async () => {
    const { delays, options } = recorder();
    const client = createServiceClient("iceprod", { baseURL: BASE, retry: options });
    const post = sequence("post", "/action", [status(503), ok({})]);
    await expect(send({ url: "/action", method: "POST" }, { client, retry: { methods: ["POST"] } })).resolves.toEqual({});
    expect(post.count).toBe(2);
    const get = sequence("get", "/x", [status(503), ok()]);
    const error = await failureOf(send({ url: "/x", method: "GET" }, { client, retry: false }));
    expect(error.status).toBe(503);
    expect(get.count).toBe(1);
    expect(delays).toEqual([300]);
  });

  it("a 429 with an HTTP-date Retry-After waits until that date", async () => {
    const now = Date.parse("2026-03-05T18:00:00Z");
    const seen = sequence("get", "/datasets", [status(429, { "Retry-After": "Thu, 05 Mar 2026 18:00:45 GMT" }), ok()]);
    const { delays, retries, options } = recorder();
    const client = createServiceClient("iceprod", { baseURL: BASE, retry: { ...options, now: () => now } });
    await expect(send({ url: "/datasets", method: "GET" }, { client })).resolves.toEqual({ ok: true });
    expect(seen.count).toBe(2);
    expect(delays).toEqual([45_000]);
    expect(retries[0]).toMatchObject({ status: 429, retryAfter: true, delayMs: 45_000 });
  });

  it("Retry-After is capped by maxRetryAfterMs, and a date in the past means now", async () => {
    const now = Date.parse("2026-03-05T18:00:00Z");
    sequence("get", "/x", [status(503, { "Retry-After": "86400" }), status(503, { "Retry-After": "Thu, 05 Mar 2026 17:00:00 GMT" }), ok()]);
    const { delays, options } = recorder();
    const client = createServiceClient("iceprod", { baseURL: BASE, retry: { ...options, now: () => now, maxRetryAfterMs: 60_000 } });
    await send({ url: "/x", method: "GET" }, { client });
    expect(delays).toEqual([60_000, 0]);
  });

  it("backoff waits stop growing at maxDelayMs; full jitter stays between 0 and the exponential wait", async () => {
    sequence("get", "/x", [status(503), status(503), status(503), status(503), ok()]);
    const { delays, options } = recorder();
    const client = createServiceClient("iceprod", { baseURL: BASE, retry: { ...options, baseDelayMs: 1000, maxDelayMs: 2500 } });
    await send({ url: "/x", method: "GET" }, { client });
    expect(delays).toEqual([1000, 2000, 2500, 2500]);

    sequence("get", "/y", Array.from({ length: 8 }, () => status(502)).concat(ok()));
    const jittered = recorder();
    const jitterClient = createServiceClient("iceprod", { baseURL: BASE, retry: { ...jittered.options, jitter: "full", maxRetries: 8 } });
    await send({ url: "/y", method: "GET" }, { client: jitterClient });
    expect(jittered.delays).toHaveLength(8);
    jittered.delays.forEach((ms, i) => {
      expect(Number.isInteger(ms)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThanOrEqual(300 * 2 ** i);
    });
  });

  it("a network error is retried", async () => {
    const seen = sequence("get", "/datasets", [() => HttpResponse.error(), ok()]);
    const { delays, retries, options } = recorder();
    const client = createServiceClient("iceprod", { baseURL: BASE, retry: options });
    await expect(send({ url: "/datasets", method: "GET" }, { client })).resolves.toEqual({ ok: true });
    expect(seen.count).toBe(2);
    expect(delays).toEqual([300]);
    expect(retries[0]).toMatchObject({ retry: 1, status: undefined, retryAfter: false, method: "GET" });
  });

  it("network errors can be left alone", async () => {
    const seen = sequence("get", "/datasets", [() => HttpResponse.error(), ok()]);
    const { options } = recorder();
    const client = createServiceClient("iceprod", { baseURL: BASE, retry: { ...options, networkErrors: false } });
    const error = await failureOf(send({ url: "/datasets", method: "GET" }, { client }));
    expect(error.status).toBeUndefined();
    expect(seen.count).toBe(1);
  });

  it("an abort during the wait stops: the request fails as cancelled and is not sent again", async () => {
    const seen = sequence("get", "/datasets", [status(503), ok()]);
    const controller = new AbortController();
    const client = createServiceClient("iceprod", {
      baseURL: BASE,
      retry: {
        // The caller aborts while the client waits.
        sleep: (_ms, signal) => {
          controller.abort();
          return abortableSleep(60_000, signal);
        },
      },
    });
    const error = await failureOf(send({ url: "/datasets", method: "GET" }, { client, signal: controller.signal }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("ERR_CANCELED");
    expect(error.status).toBeUndefined();
    expect(error.url).toBe(`${BASE}/datasets`);
    expect(seen.count).toBe(1);
  });

  it("the default sleep gives up at once when the request's signal aborts", async () => {
    const seen = sequence("get", "/datasets", [status(503, { "Retry-After": "100" }), ok()]);
    const controller = new AbortController();
    const client = createServiceClient("iceprod", { baseURL: BASE, retry: { onRetry: () => queueMicrotask(() => controller.abort()) } });
    const error = await failureOf(send({ url: "/datasets", method: "GET" }, { client, signal: controller.signal }));
    expect(error.code).toBe("ERR_CANCELED");
    expect(seen.count).toBe(1);
  });

  it("a sleep that ignores the signal still does not send an aborted request again", async () => {
    const seen = sequence("get", "/datasets", [status(503), ok()]);
    const controller = new AbortController();
    const client = createServiceClient("iceprod", {
      baseURL: BASE,
      retry: {
        sleep: async () => {
          controller.abort();
        },
      },
    });
    const error = await failureOf(send({ url: "/datasets", method: "GET" }, { client, signal: controller.signal }));
    expect(error.code).toBe("ERR_CANCELED");
    expect(seen.count).toBe(1);
  });

  it("a cancelled request is never retried", async () => {
    const controller = new AbortController();
    const { delays, options } = recorder();
    let count = 0;
    server.use(
      http.get(`${BASE}/slow`, async () => {
        count += 1;
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 20));
        return HttpResponse.json({});
      }),
    );
    const client = createServiceClient("iceprod", { baseURL: BASE, retry: options });
    const error = await failureOf(send({ url: "/slow", method: "GET" }, { client, signal: controller.signal }));
    expect(error.code).toBe("ERR_CANCELED");
    expect(count).toBe(1);
    expect(delays).toEqual([]);
  });

  it("onRetry never sees credentials in the URL", async () => {
    sequence("get", "/files", [status(502), ok()]);
    const { retries, options } = recorder();
    const client = createServiceClient("iceprod", { baseURL: BASE, retry: options });
    await send({ url: "/files", method: "GET", params: { token: "s3cr3t", name: "a" } }, { client });
    expect(retries[0]?.url).toBe(`${BASE}/files?token=REDACTED&name=a`);
  });

  it("maxRetries must be a whole number from 0 to 30 (checked when the retry code loads, at the first request); 0 never retries", async () => {
    server.use(http.get(`${BASE}/checked`, () => HttpResponse.json({})));
    const first = (retry: RetryOptions) =>
      send({ url: "/checked", method: "GET" }, { client: createServiceClient("iceprod", { baseURL: BASE, retry }) });
    await expect(first({ maxRetries: 31 })).rejects.toThrow(RangeError);
    await expect(first({ maxRetries: -1 })).rejects.toThrow(/0 to 30/);
    await expect(first({ maxRetries: 1.5 })).rejects.toThrow(RangeError);
    await expect(first({ baseDelayMs: -1 })).rejects.toThrow(/baseDelayMs/);
    await expect(first({ maxRetries: 30 })).resolves.toEqual({});
    const seen = sequence("get", "/x", [status(503), ok()]);
    const client = createServiceClient("iceprod", { baseURL: BASE, retry: { maxRetries: 0 } });
    expect((await failureOf(send({ url: "/x", method: "GET" }, { client }))).status).toBe(503);
    expect(seen.count).toBe(1);
  });
});

describe("retries and credentials", () => {
  /** A provider whose token changes each time it is renewed. */
  function rotatingProvider() {
    let generation = 1;
    const provider: CredentialsProvider = {
      kind: "test",
      async getAuthHeaders(options = {}) {
        if (options.forceRenewal) generation += 1;
        return { Authorization: `Bearer token-${generation}` };
      },
    };
    return provider;
  }

  it("each retry carries credentials, and a 401 between retries is renewed by auth", async () => {
    const seenAuth: (string | null)[] = [];
    const answers = [status(503), status(401), ok({ fine: true })];
    server.use(
      http.get(`${BASE}/datasets`, ({ request }) => {
        seenAuth.push(request.headers.get("authorization"));
        return (answers[Math.min(seenAuth.length - 1, answers.length - 1)] as () => Response)();
      }),
    );
    const { delays, options } = recorder();
    const client = createServiceClient("iceprod", { baseURL: BASE, auth: rotatingProvider(), retry: options });
    await expect(send({ url: "/datasets", method: "GET" }, { client })).resolves.toEqual({ fine: true });
    expect(seenAuth).toEqual(["Bearer token-1", "Bearer token-1", "Bearer token-2"]);
    expect(delays).toEqual([300]);
  });

  it("a 401 first, then a 503, then success: renewal and retry both happen once", async () => {
    const seenAuth: (string | null)[] = [];
    const answers = [status(401), status(503), ok({ fine: true })];
    server.use(
      http.get(`${BASE}/datasets`, ({ request }) => {
        seenAuth.push(request.headers.get("authorization"));
        return (answers[Math.min(seenAuth.length - 1, answers.length - 1)] as () => Response)();
      }),
    );
    const { delays, options } = recorder();
    const client = createServiceClient("iceprod", { baseURL: BASE, auth: rotatingProvider(), retry: options });
    await expect(send({ url: "/datasets", method: "GET" }, { client })).resolves.toEqual({ fine: true });
    expect(seenAuth).toEqual(["Bearer token-1", "Bearer token-2", "Bearer token-2"]);
    expect(delays).toEqual([300]);
  });

  it("an exhausted retry with credentials fails with an ApiError that holds no token", async () => {
    sequence("get", "/datasets", [status(503)]);
    const { options } = recorder();
    const client = createServiceClient("iceprod", { baseURL: BASE, auth: rotatingProvider(), retry: { ...options, maxRetries: 2 } });
    const error = await failureOf(send({ url: "/datasets", method: "GET" }, { client }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(503);
    expect(JSON.stringify(error)).not.toContain("token-");
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-03-05T18:00:00Z");
  it("reads seconds and HTTP dates, and ignores what it cannot read", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
    expect(parseRetryAfter("Thu, 05 Mar 2026 18:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter("Thu, 05 Mar 2026 17:59:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
