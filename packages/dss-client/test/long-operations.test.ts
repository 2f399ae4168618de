// The waiters for DSS's other long operations against MSW: macros (run, state,
// result, abort), ML training (guessing, training, the session's models), and a
// long task started by a new operation and cancelled on DSS. Sleeps are recorded.
import {
  ApiError,
  DssFutureError,
  DssMacroError,
  DssMlTrainingError,
  isDssMacroError,
  type MacroState,
  type MlTaskStatus,
  runMacroAndWait,
  trainMlTaskAndWait,
  waitForFuture,
} from "@sciclients/dss-client";
import { copyManagedFolder } from "@sciclients/dss-client/functions";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { dss, inTurn, recordingSleep, setupDssServer } from "./support.js";

const { server, requests } = setupDssServer();
const MACRO = "pyrunnable_builtin-macros_list-datasets-using-connection";

function macroHandlers(states: MacroState[], result: () => Response) {
  const bodies: unknown[] = [];
  const state = inTurn(states);
  server.use(
    http.post(`*/projects/SALES/runnables/${MACRO}`, async ({ request }) => {
      expect(new URL(request.url).searchParams.get("wait")).toBe("false");
      bodies.push(await request.json());
      return HttpResponse.json({ runId: "r-8Lm2Qx" });
    }),
    http.get(`*/projects/SALES/runnables/${MACRO}/state/r-8Lm2Qx`, () => HttpResponse.json(state())),
    http.get(`*/projects/SALES/runnables/${MACRO}/result/r-8Lm2Qx`, result),
    http.post(`*/projects/SALES/runnables/${MACRO}/abort/r-8Lm2Qx`, () => new HttpResponse(null, { status: 204 })),
  );
  return bodies;
}

describe("runMacroAndWait", () => {
  it("runs the macro without waiting on DSS, polls its state until it stops, then reads the result", async () => {
    const bodies = macroHandlers([{ running: true }, { running: true }, { running: false }], () =>
      HttpResponse.json({ columns: [{ name: "Dataset" }], records: [["SALES.orders"]] }),
    );
    const sleep = recordingSleep();
    const started: string[] = [];
    const result = await runMacroAndWait(dss, "SALES", MACRO, {
      params: { connection: "filesystem_managed" },
      as: "json",
      sleep,
      onStart: (id) => started.push(id),
    });
    expect(result).toEqual({ columns: [{ name: "Dataset" }], records: [["SALES.orders"]] });
    expect(bodies).toEqual([{ params: { connection: "filesystem_managed" }, adminParams: {} }]);
    expect(started).toEqual(["r-8Lm2Qx"]);
    expect(sleep.delays).toEqual([200, 220]);
    expect(requests.map((r) => r.path.replace(`/projects/SALES/runnables/${MACRO}`, "…"))).toEqual([
      "…",
      "…/state/r-8Lm2Qx",
      "…/state/r-8Lm2Qx",
      "…/state/r-8Lm2Qx",
      "…/result/r-8Lm2Qx",
    ]);
  });

  it("a macro that failed rejects with DssMacroError carrying DSS's message and the ApiError", async () => {
    macroHandlers([{ running: false }], () =>
      HttpResponse.json(
        { errorType: "com.dataiku.dip.exceptions.DKUSecurityException", message: "Connection filesystem_managed is not allowed" },
        { status: 500 },
      ),
    );
    const error = await runMacroAndWait(dss, "SALES", MACRO, { sleep: recordingSleep() }).catch((e: unknown) => e);
    expect(isDssMacroError(error)).toBe(true);
    expect(error).toBeInstanceOf(DssMacroError);
    expect((error as Error).message).toBe(
      `DSS macro ${MACRO} (run r-8Lm2Qx) in project SALES failed: Connection filesystem_managed is not allowed`,
    );
    expect((error as DssMacroError).cause).toBeInstanceOf(ApiError);
  });

  it("aborting the signal with abortOnSignal aborts the run on DSS", async () => {
    macroHandlers([{ running: true }], () => HttpResponse.json({}));
    const controller = new AbortController();
    const sleep = recordingSleep((_ms, call) => {
      if (call === 2) controller.abort(new Error("enough"));
    });
    await expect(runMacroAndWait(dss, "SALES", MACRO, { sleep, signal: controller.signal, abortOnSignal: true })).rejects.toThrow("enough");
    expect(requests.at(-1)?.path).toBe(`/projects/SALES/runnables/${MACRO}/abort/r-8Lm2Qx`);
  });

  it("returns the bytes by default and text when asked", async () => {
    macroHandlers([{ running: false }], () => new HttpResponse("<h1>Report</h1>", { headers: { "content-type": "text/html" } }));
    expect(new TextDecoder().decode(await runMacroAndWait(dss, "SALES", MACRO, { sleep: recordingSleep() }))).toBe("<h1>Report</h1>");
    macroHandlers([{ running: false }], () => new HttpResponse("<h1>Report</h1>", { headers: { "content-type": "text/html" } }));
    expect(await runMacroAndWait(dss, "SALES", MACRO, { sleep: recordingSleep(), as: "text" })).toBe("<h1>Report</h1>");
  });
});

const TASK = "/projects/CHURN/models/lab/A7Gk2pQs/m4Rt9LkZ";
const model = (session: string, n: number) => ({
  id: `A-CHURN-A7Gk2pQs-m4Rt9LkZ-${session}-pp1-m${n}`,
  fullModelId: { sessionId: session },
});

function mlHandlers(statuses: MlTaskStatus[]) {
  const status = inTurn(statuses);
  const sessions: unknown[] = [];
  server.use(
    http.get(`*${TASK}/status`, () => HttpResponse.json(status())),
    http.post(`*${TASK}/train`, async ({ request }) => {
      sessions.push(await request.json());
      return HttpResponse.json({ sessionId: "s2" });
    }),
  );
  return sessions;
}

describe("trainMlTaskAndWait", () => {
  it("waits for the guess, trains, polls until training stops and returns the session's models", async () => {
    const sessions = mlHandlers([
      { guessing: true, training: false },
      { guessing: false, training: false, fullModelIds: [model("s1", 1)] },
      { guessing: false, training: true },
      { guessing: false, training: false, fullModelIds: [model("s1", 1), model("s2", 1), model("s2", 2)] },
    ]);
    const states: boolean[] = [];
    const ids = await trainMlTaskAndWait(dss, "CHURN", "A7Gk2pQs", "m4Rt9LkZ", {
      session: { sessionName: "Weekly retrain" },
      sleep: recordingSleep(),
      onStatus: (s) => states.push(s.training === true),
    });
    expect(ids).toEqual([model("s2", 1).id, model("s2", 2).id]);
    expect(sessions).toEqual([{ sessionName: "Weekly retrain", sessionDescription: null, runQueue: false }]);
    expect(states).toEqual([false, false, true, false]);
  });

  it("a session that trained no model rejects with DssMlTrainingError", async () => {
    mlHandlers([{ guessing: false, training: false, fullModelIds: [model("s1", 1)] }]);
    const error = await trainMlTaskAndWait(dss, "CHURN", "A7Gk2pQs", "m4Rt9LkZ", { sleep: recordingSleep() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DssMlTrainingError);
    expect((error as DssMlTrainingError).sessionId).toBe("s2");
  });

  it("an ML task that does not exist rejects with the ApiError 404, before any training", async () => {
    server.use(http.get(`*${TASK}/status`, () => HttpResponse.json({ message: "ML task not found" }, { status: 404 })));
    await expect(trainMlTaskAndWait(dss, "CHURN", "A7Gk2pQs", "m4Rt9LkZ", { sleep: recordingSleep() })).rejects.toMatchObject({
      name: "ApiError",
      status: 404,
    });
    expect(requests.map((r) => r.method)).toEqual(["GET"]);
  });
});

describe("long tasks started by other operations", () => {
  it("a folder copy cancelled on DSS rejects waitForFuture with DssFutureError (aborted)", async () => {
    server.use(
      http.post("*/projects/SALES/managedfolders/Xk3pQ9aZ/actions/copyTo", () => HttpResponse.json({ jobId: "F9", hasResult: false })),
      // Peeking and the final read both find the task dead and aborted.
      http.get("*/futures/F9", () => HttpResponse.json({ jobId: "F9", hasResult: false, alive: false, aborted: true })),
    );
    const task = await copyManagedFolder("SALES", "Xk3pQ9aZ", { targetProjectKey: "ARCHIVE", targetFolderId: "Pq8rT2sW" }, { client: dss });
    const error = await waitForFuture(dss, task, { sleep: recordingSleep() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DssFutureError);
    expect(error).toMatchObject({ jobId: "F9", failure: "aborted" });
  });
});
