// waitForFuture against MSW: peek polling with the official backoff, progress,
// failures, aborts on both sides. Sleeps are recorded, never waited.
import {
  ApiError,
  DSS_DEFAULT_BACKOFF,
  DssFutureError,
  type FutureState,
  type FutureStateProgress,
  isDssFutureError,
  sleepFor,
  waitForFuture,
} from "@sciclients/dss-client";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { dss, inTurn, recordingSleep, setupDssServer } from "./support.js";

const { server, requests } = setupDssServer();

const running = (cur: number): FutureState => ({
  jobId: "F1",
  hasResult: false,
  alive: true,
  progress: { states: [{ name: "Copying rows", unit: "rows", cur, target: 300 }] },
});

/** GET /futures/F1: `peekStates` in turn for peek=true, `final` for the GET without peek. */
function futureHandler(peekStates: FutureState[], final: () => Response) {
  const peek = inTurn(peekStates);
  return http.get("*/futures/:jobId", ({ request, params }) => {
    expect(params.jobId).toBe("F1");
    const url = new URL(request.url);
    return url.searchParams.get("peek") === "true" ? HttpResponse.json(peek()) : final();
  });
}

describe("waitForFuture", () => {
  it("polls with peek until the task has a result, reports progress, then reads the result once without peek", async () => {
    server.use(
      futureHandler([running(0), running(120), { jobId: "F1", hasResult: true, alive: false, progress: { states: [] } }], () =>
        HttpResponse.json({ jobId: "F1", hasResult: true, alive: false, result: { copied: 300 } }),
      ),
    );
    const progress: FutureStateProgress[] = [];
    const sleep = recordingSleep();
    const result = await waitForFuture<{ copied: number }>(dss, "F1", { sleep, onProgress: (p) => progress.push(p) });

    expect(result).toEqual({ copied: 300 });
    expect(progress.map((p) => p.states?.[0]?.cur)).toEqual([0, 120, undefined]);
    expect(requests.map((r) => `${r.method} ${r.path}?peek=${r.query.peek}`)).toEqual([
      "GET /futures/F1?peek=true",
      "GET /futures/F1?peek=true",
      "GET /futures/F1?peek=true",
      "GET /futures/F1?peek=false",
    ]);
    expect(sleep.delays).toEqual([200, 220]);
  });

  it("asks the sleep for the official backoff: 200 ms, times 1.1 per poll, capped at 15 s", async () => {
    const polls = 60;
    server.use(
      futureHandler([...Array.from({ length: polls - 1 }, (_, i) => running(i)), { jobId: "F1", hasResult: true, alive: false }], () =>
        HttpResponse.json({ jobId: "F1", hasResult: true, result: "ok" }),
      ),
    );
    const sleep = recordingSleep();
    await expect(waitForFuture(dss, "F1", { sleep })).resolves.toBe("ok");

    expect(sleep.delays).toHaveLength(polls - 1);
    expect(sleep.delays.slice(0, 6)).toEqual([200, 220, 242, 266, 293, 322]);
    let expected = 200;
    for (const delay of sleep.delays) {
      expect(delay).toBe(Math.round(expected));
      expected = Math.min(expected * 1.1, 15_000);
    }
    // 200 × 1.1^45 < 15 000 < 200 × 1.1^46: the 47th wait is the first at the cap, and it stays there.
    expect(sleep.delays[45]).toBeLessThan(15_000);
    expect(sleep.delays.slice(46)).toEqual(Array(polls - 1 - 46).fill(15_000));
    expect(DSS_DEFAULT_BACKOFF).toEqual({ initialMs: 200, factor: 1.1, maxMs: 15_000 });
  });

  it("a task that dies without a result rejects with DssFutureError (failed)", async () => {
    const dead: FutureState = { jobId: "F1", jobDisplayName: "Copy dataset", hasResult: false, alive: false };
    server.use(futureHandler([running(5), dead], () => HttpResponse.json(dead)));
    const error = await waitForFuture(dss, "F1", { sleep: recordingSleep() }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DssFutureError);
    expect(isDssFutureError(error)).toBe(true);
    const failure = error as DssFutureError;
    expect(failure.failure).toBe("failed");
    expect(failure.jobId).toBe("F1");
    expect(failure.message).toBe('DSS long task "Copy dataset" (F1) failed without a result');
    expect(failure.state).toMatchObject({ alive: false, hasResult: false });
  });

  it("a task whose result request DSS answers with an error body rejects with DssFutureError carrying the ApiError", async () => {
    server.use(
      futureHandler([{ jobId: "F1", hasResult: false, alive: false }], () =>
        HttpResponse.json(
          { errorType: "com.dataiku.dip.exceptions.CodedException", message: "Dataset orders_copy is not empty", detailedMessage: "…" },
          { status: 500 },
        ),
      ),
    );
    const error = (await waitForFuture(dss, "F1", { sleep: recordingSleep() }).catch((e: unknown) => e)) as DssFutureError;

    expect(error).toBeInstanceOf(DssFutureError);
    expect(error.failure).toBe("failed");
    expect(error.message).toBe("DSS long task F1 failed: Dataset orders_copy is not empty");
    expect(error.cause).toBeInstanceOf(ApiError);
    expect((error.cause as ApiError).status).toBe(500);
    expect((error.cause as ApiError).code).toBe("com.dataiku.dip.exceptions.CodedException");
  });

  it("a result that is a DSS error payload rejects with DssFutureError", async () => {
    const failed = { jobId: "F1", hasResult: true, alive: false, result: { errorType: "java.io.IOException", message: "Disk full" } };
    server.use(futureHandler([failed], () => HttpResponse.json(failed)));
    await expect(waitForFuture(dss, "F1", { sleep: recordingSleep() })).rejects.toMatchObject({
      name: "DssFutureError",
      failure: "failed",
      message: "DSS long task F1 failed: Disk full",
    });
  });

  it("a task aborted on DSS rejects with DssFutureError (aborted)", async () => {
    const aborted: FutureState = { jobId: "F1", hasResult: false, alive: false, aborted: true };
    server.use(futureHandler([running(1), aborted], () => HttpResponse.json(aborted)));
    await expect(waitForFuture(dss, "F1", { sleep: recordingSleep() })).rejects.toMatchObject({
      name: "DssFutureError",
      failure: "aborted",
      message: "DSS long task F1 was aborted",
    });
  });

  it("aborting the signal stops polling and, with abortOnSignal, aborts the task on DSS", async () => {
    const controller = new AbortController();
    let deletes = 0;
    server.use(
      futureHandler([running(1)], () => HttpResponse.json(running(1))),
      http.delete("*/futures/:jobId", ({ params }) => {
        expect(params.jobId).toBe("F1");
        deletes += 1;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const sleep = recordingSleep((_, call) => {
      if (call === 3) controller.abort();
    });
    const error = await waitForFuture(dss, "F1", { sleep, signal: controller.signal, abortOnSignal: true }).catch((e: unknown) => e);

    expect((error as Error).name).toBe("AbortError");
    expect(deletes).toBe(1);
    expect(requests.map((r) => r.method)).toEqual(["GET", "GET", "GET", "DELETE"]);
  });

  it("without abortOnSignal an abort only stops the waiting, and a signal aborted before the start sends nothing", async () => {
    const controller = new AbortController();
    server.use(futureHandler([running(1)], () => HttpResponse.json(running(1))));
    const sleep = recordingSleep(() => controller.abort(new Error("user left")));
    await expect(waitForFuture(dss, "F1", { sleep, signal: controller.signal })).rejects.toThrow("user left");
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /futures/F1"]);

    requests.length = 0;
    await expect(waitForFuture(dss, "F1", { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: "AbortError" });
    expect(requests).toEqual([]);
  });

  it("an abort during a request rejects with the signal's reason, not a transport error", async () => {
    const controller = new AbortController();
    server.use(
      http.get("*/futures/:jobId", async () => {
        controller.abort();
        return HttpResponse.json(running(1));
      }),
    );
    await expect(waitForFuture(dss, "F1", { signal: controller.signal, sleep: recordingSleep() })).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("a reply that already holds the result is returned without a request", async () => {
    await expect(waitForFuture(dss, { jobId: "F9", hasResult: true, result: [1, 2] })).resolves.toEqual([1, 2]);
    expect(requests).toEqual([]);
  });

  it("a reply without a result is polled by its jobId", async () => {
    server.use(futureHandler([{ jobId: "F1", hasResult: true }], () => HttpResponse.json({ jobId: "F1", hasResult: true, result: 7 })));
    await expect(waitForFuture(dss, { jobId: "F1", hasResult: false }, { sleep: recordingSleep() })).resolves.toBe(7);
    await expect(waitForFuture(dss, { hasResult: false })).rejects.toThrow(TypeError);
  });

  it("errors while polling (here credentials refused) stay ApiErrors", async () => {
    server.use(http.get("*/futures/:jobId", () => HttpResponse.json({ errorType: "Unauthorized", message: "Bad key" }, { status: 401 })));
    const error = await waitForFuture(dss, "F1", { sleep: recordingSleep() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, service: "dss", code: "Unauthorized" });
  });

  it("the default sleep waits on a timer that the signal cancels", async () => {
    await expect(sleepFor(0)).resolves.toBeUndefined();
    const controller = new AbortController();
    const pending = sleepFor(60_000, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    await expect(sleepFor(1, AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
  });
});
