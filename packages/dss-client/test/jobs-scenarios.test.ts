// runJobAndWait and runScenarioAndWait against MSW: the calls in order, the final
// state returned, failures as typed errors or returned on request, aborts.
import {
  DssJobError,
  DssScenarioRunError,
  isDssJobError,
  isDssScenarioRunError,
  type JobDefinition,
  type JobState,
  type JobStatus,
  runJobAndWait,
  runScenarioAndWait,
  type ScenarioRun,
  type ScenarioRunDetails,
  type ScenarioTriggerFire,
} from "@sciclients/dss-client";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { dss, inTurn, recordingSleep, setupDssServer } from "./support.js";

const { server, requests } = setupDssServer();

const build: JobDefinition = {
  type: "NON_RECURSIVE_FORCED_BUILD",
  outputs: [{ type: "DATASET", id: "orders_prepared", projectKey: "SALES", partition: null }],
};

const status = (state: JobState, activities: Record<string, unknown> = {}): JobStatus => ({
  baseStatus: { state, def: { id: "build_2024-05-02T09-14-29.541", projectKey: "SALES", type: build.type }, activities },
});

function jobHandlers(states: JobStatus[]) {
  const next = inTurn(states);
  const bodies: unknown[] = [];
  const handlers = [
    http.post("*/projects/:projectKey/jobs/", async ({ request, params }) => {
      expect(params.projectKey).toBe("SALES");
      bodies.push(await request.json());
      return HttpResponse.json({ id: "build_2024-05-02T09-14-29.541" });
    }),
    http.get("*/projects/:projectKey/jobs/:jobId/", ({ params }) => {
      expect(params.jobId).toBe("build_2024-05-02T09-14-29.541");
      return HttpResponse.json(next());
    }),
  ];
  return { handlers, bodies };
}

describe("runJobAndWait", () => {
  it("starts the job, polls it until DONE and returns the final status", async () => {
    const { handlers, bodies } = jobHandlers([status("NOT_STARTED"), status("RUNNING"), status("DONE")]);
    server.use(...handlers);
    const sleep = recordingSleep();
    const seen: string[] = [];
    let started: string | undefined;
    const final = await runJobAndWait(dss, "SALES", build, {
      sleep,
      onStart: (id) => {
        started = id;
      },
      onStatus: (s) => seen.push(s.baseStatus.state),
    });

    expect(final.baseStatus.state).toBe("DONE");
    expect(bodies).toEqual([build]);
    expect(started).toBe("build_2024-05-02T09-14-29.541");
    expect(seen).toEqual(["NOT_STARTED", "RUNNING", "DONE"]);
    expect(sleep.delays).toEqual([200, 220]);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /projects/SALES/jobs/",
      "GET /projects/SALES/jobs/build_2024-05-02T09-14-29.541/",
      "GET /projects/SALES/jobs/build_2024-05-02T09-14-29.541/",
      "GET /projects/SALES/jobs/build_2024-05-02T09-14-29.541/",
    ]);
  });

  it("a FAILED job rejects with DssJobError naming the failed activity", async () => {
    const failed = status("FAILED", {
      compute_orders_prepared_NP: { state: "FAILED", firstFailure: { message: "Job failed: division by zero in recipe" } },
    });
    server.use(...jobHandlers([status("RUNNING"), failed]).handlers);
    const error = await runJobAndWait(dss, "SALES", build, { sleep: recordingSleep() }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DssJobError);
    expect(isDssJobError(error)).toBe(true);
    const jobError = error as DssJobError;
    expect(jobError.state).toBe("FAILED");
    expect(jobError.jobId).toBe("build_2024-05-02T09-14-29.541");
    expect(jobError.projectKey).toBe("SALES");
    expect(jobError.status).toEqual(failed);
    expect(jobError.message).toBe(
      "DSS job build_2024-05-02T09-14-29.541 in project SALES ended FAILED: Job failed: division by zero in recipe",
    );
  });

  it("with throwOnFailure: false a FAILED or ABORTED job is returned", async () => {
    server.use(...jobHandlers([status("FAILED")]).handlers);
    const failed = await runJobAndWait(dss, "SALES", build, { sleep: recordingSleep(), throwOnFailure: false });
    expect(failed.baseStatus.state).toBe("FAILED");

    server.use(...jobHandlers([status("RUNNING"), status("ABORTED")]).handlers);
    const aborted = await runJobAndWait(dss, "SALES", build, { sleep: recordingSleep(), throwOnFailure: false });
    expect(aborted.baseStatus.state).toBe("ABORTED");
  });

  it("an ABORTED job rejects by default", async () => {
    server.use(...jobHandlers([status("ABORTED")]).handlers);
    await expect(runJobAndWait(dss, "SALES", build, { sleep: recordingSleep() })).rejects.toMatchObject({
      name: "DssJobError",
      state: "ABORTED",
      message: "DSS job build_2024-05-02T09-14-29.541 in project SALES ended ABORTED",
    });
  });

  it("aborting the signal with abortOnSignal aborts the job on DSS", async () => {
    const controller = new AbortController();
    let aborts = 0;
    server.use(
      ...jobHandlers([status("RUNNING")]).handlers,
      http.post("*/projects/:projectKey/jobs/:jobId/abort", () => {
        aborts += 1;
        return HttpResponse.json({});
      }),
    );
    const sleep = recordingSleep(() => controller.abort());
    await expect(runJobAndWait(dss, "SALES", build, { sleep, signal: controller.signal, abortOnSignal: true })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(aborts).toBe(1);
    expect(requests.at(-1)).toMatchObject({ method: "POST", path: "/projects/SALES/jobs/build_2024-05-02T09-14-29.541/abort" });
  });
});

const fire: ScenarioTriggerFire = {
  runId: "2024-05-02-09-14-29-541",
  trigger: { id: "manual", type: "manual", projectKey: "SALES", scenarioId: "NIGHTLY" },
  params: { region: "EMEA" },
};

const run = (result?: ScenarioRun["result"]): ScenarioRunDetails => ({
  scenarioRun: { runId: "R-77", start: 1714641271118, ...(result ? { result, end: 1714641299000 } : {}) },
  stepRuns: result ? [{ step: { name: "Build orders" }, result }] : [],
});

/** `refires`: what looking the trigger fire up again answers, in turn (by default the fire, not cancelled). */
function scenarioHandlers(
  lookups: object[],
  runs: ScenarioRunDetails[],
  fired: ScenarioTriggerFire = fire,
  refires: ScenarioTriggerFire[] = [],
) {
  const nextLookup = inTurn(lookups);
  const nextRun = inTurn(runs);
  const nextRefire = inTurn(refires.length > 0 ? refires : [fired]);
  const bodies: unknown[] = [];
  const handlers = [
    http.post("*/projects/:projectKey/scenarios/:scenarioId/run", async ({ request, params }) => {
      expect(params).toMatchObject({ projectKey: "SALES", scenarioId: "NIGHTLY" });
      bodies.push(await request.json());
      return HttpResponse.json(fired);
    }),
    http.get("*/projects/:projectKey/scenarios/trigger/:scenarioId/:triggerId", ({ request, params }) => {
      expect(params).toMatchObject({ projectKey: "SALES", scenarioId: "NIGHTLY", triggerId: "manual" });
      expect(new URL(request.url).searchParams.get("triggerRunId")).toBe("2024-05-02-09-14-29-541");
      return HttpResponse.json(nextRefire());
    }),
    http.get("*/projects/:projectKey/scenarios/:scenarioId/get-run-for-trigger", ({ request }) => {
      const query = new URL(request.url).searchParams;
      expect(query.get("triggerId")).toBe("manual");
      expect(query.get("triggerRunId")).toBe("2024-05-02-09-14-29-541");
      return HttpResponse.json(nextLookup());
    }),
    http.get("*/projects/:projectKey/scenarios/:scenarioId/:runId/", ({ params }) => {
      expect(params.runId).toBe("R-77");
      return HttpResponse.json(nextRun());
    }),
  ];
  return { handlers, bodies };
}

describe("runScenarioAndWait", () => {
  it("fires the scenario, finds the run for the trigger fire, polls it until it has a result and returns it", async () => {
    const { handlers, bodies } = scenarioHandlers([{}, {}, { scenarioRun: { runId: "R-77" } }], [run(), run({ outcome: "SUCCESS" })]);
    server.use(...handlers);
    const sleep = recordingSleep();
    const fires: ScenarioTriggerFire[] = [];
    const polled: ScenarioRun[] = [];
    const final = await runScenarioAndWait(
      dss,
      "SALES",
      "NIGHTLY",
      { region: "EMEA" },
      {
        sleep,
        onTriggerFire: (f) => fires.push(f),
        onRun: (r) => polled.push(r),
      },
    );

    expect(final.scenarioRun.result?.outcome).toBe("SUCCESS");
    expect(final.scenarioRun.runId).toBe("R-77");
    expect(final.stepRuns).toHaveLength(1);
    expect(bodies).toEqual([{ region: "EMEA" }]);
    expect(fires).toEqual([fire]);
    expect(polled.map((r) => r.result?.outcome ?? "running")).toEqual(["running", "SUCCESS"]);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /projects/SALES/scenarios/NIGHTLY/run",
      "GET /projects/SALES/scenarios/NIGHTLY/get-run-for-trigger",
      "GET /projects/SALES/scenarios/trigger/NIGHTLY/manual",
      "GET /projects/SALES/scenarios/NIGHTLY/get-run-for-trigger",
      "GET /projects/SALES/scenarios/trigger/NIGHTLY/manual",
      "GET /projects/SALES/scenarios/NIGHTLY/get-run-for-trigger",
      "GET /projects/SALES/scenarios/NIGHTLY/R-77/",
      "GET /projects/SALES/scenarios/NIGHTLY/R-77/",
    ]);
    // Each phase waits with the official backoff from its start.
    expect(sleep.delays).toEqual([200, 220, 200]);
  });

  it("a FAILED run rejects with DssScenarioRunError carrying the run; throwOnFailure: false returns it", async () => {
    server.use(...scenarioHandlers([{ scenarioRun: { runId: "R-77" } }], [run({ outcome: "FAILED" })]).handlers);
    const error = await runScenarioAndWait(dss, "SALES", "NIGHTLY", {}, { sleep: recordingSleep() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DssScenarioRunError);
    expect(isDssScenarioRunError(error)).toBe(true);
    const runError = error as DssScenarioRunError;
    expect(runError.outcome).toBe("FAILED");
    expect(runError.run?.scenarioRun.runId).toBe("R-77");
    expect(runError.triggerFire).toEqual(fire);
    expect(runError.message).toBe("DSS scenario NIGHTLY in project SALES run R-77 ended FAILED");

    server.use(...scenarioHandlers([{ scenarioRun: { runId: "R-77" } }], [run({ outcome: "ABORTED" })]).handlers);
    const returned = await runScenarioAndWait(dss, "SALES", "NIGHTLY", {}, { sleep: recordingSleep(), throwOnFailure: false });
    expect(returned.scenarioRun.result?.outcome).toBe("ABORTED");
  });

  it("WARNING is a finished run unless failOnWarning", async () => {
    server.use(...scenarioHandlers([{ scenarioRun: { runId: "R-77" } }], [run({ outcome: "WARNING" })]).handlers);
    const warned = await runScenarioAndWait(dss, "SALES", "NIGHTLY", undefined, { sleep: recordingSleep() });
    expect(warned.scenarioRun.result?.outcome).toBe("WARNING");
    await expect(runScenarioAndWait(dss, "SALES", "NIGHTLY", {}, { sleep: recordingSleep(), failOnWarning: true })).rejects.toMatchObject({
      name: "DssScenarioRunError",
      outcome: "WARNING",
    });
  });

  it("a cancelled trigger fire rejects at once", async () => {
    server.use(...scenarioHandlers([], [], { ...fire, cancelled: true }).handlers);
    await expect(runScenarioAndWait(dss, "SALES", "NIGHTLY", {}, { sleep: recordingSleep() })).rejects.toMatchObject({
      name: "DssScenarioRunError",
      outcome: "CANCELLED",
      run: undefined,
      message: "DSS scenario NIGHTLY in project SALES was cancelled before it started",
    });
    expect(requests.map((r) => r.path)).toEqual(["/projects/SALES/scenarios/NIGHTLY/run"]);
  });

  it("a trigger fire DSS drops while the run is awaited rejects as CANCELLED instead of waiting forever", async () => {
    const dropped = { ...fire, cancelled: true };
    server.use(...scenarioHandlers([{}, {}, {}], [], fire, [fire, dropped]).handlers);
    const sleep = recordingSleep();
    const error = await runScenarioAndWait(dss, "SALES", "NIGHTLY", {}, { sleep }).catch((e: unknown) => e);
    expect(isDssScenarioRunError(error)).toBe(true);
    expect(error).toMatchObject({ outcome: "CANCELLED", run: undefined, triggerFire: dropped });
    expect((error as Error).message).toBe("DSS scenario NIGHTLY in project SALES was cancelled before it started");
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /projects/SALES/scenarios/NIGHTLY/run",
      "GET /projects/SALES/scenarios/NIGHTLY/get-run-for-trigger",
      "GET /projects/SALES/scenarios/trigger/NIGHTLY/manual",
      "GET /projects/SALES/scenarios/NIGHTLY/get-run-for-trigger",
      "GET /projects/SALES/scenarios/trigger/NIGHTLY/manual",
    ]);
    expect(sleep.delays).toEqual([200]);
  });

  it("aborting the signal with abortOnSignal aborts the scenario on DSS", async () => {
    const controller = new AbortController();
    let aborts = 0;
    server.use(
      ...scenarioHandlers([{}], []).handlers,
      http.post("*/projects/:projectKey/scenarios/:scenarioId/abort", () => {
        aborts += 1;
        return HttpResponse.json({});
      }),
    );
    const sleep = recordingSleep((_, call) => {
      if (call === 2) controller.abort();
    });
    await expect(
      runScenarioAndWait(dss, "SALES", "NIGHTLY", {}, { sleep, signal: controller.signal, abortOnSignal: true }),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(aborts).toBe(1);
    expect(requests.at(-1)).toMatchObject({ method: "POST", path: "/projects/SALES/scenarios/NIGHTLY/abort" });
  });
});
