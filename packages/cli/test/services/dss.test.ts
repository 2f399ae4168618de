// Dataiku DSS from the command line: the bin as a subprocess against the
// client's MSW faker handlers on a loopback port (one server for the file).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getAllMockHandlers, getListProjectsMockHandler, getUploadDatasetFileMockHandler } from "@sciclients/dss-client/mocks";
import { HttpResponse, http } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../helpers/mock-server.js";
import { interruptBin, runBin } from "../helpers/run-bin.js";

const KEY = "dss-key-never-printed";
let server: MockServer;
let env: Record<string, string>;
let api = "";

beforeAll(async () => {
  server = await startMockServer((origin) => getAllMockHandlers({ baseURL: `${origin}/public/api` }));
  api = `${server.origin}/public/api`;
  env = { DSS_HOST: server.origin, DSS_API_KEY: KEY };
});
beforeEach(() => server.reset());
afterAll(() => server.close());

describe("sciclients dss", () => {
  it("lists projects with the API key as basic credentials (GET /projects/)", async () => {
    server.use(getListProjectsMockHandler([{ projectKey: "ALPHA", name: "Alpha" }] as never, { baseURL: api }));
    const { code, stdout } = await runBin(["dss", "list-projects", "--include-location", "true"], env);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([{ projectKey: "ALPHA", name: "Alpha" }]);
    expect(server.seen[0]?.url).toBe("/public/api/projects/?includeLocation=true");
    expect(server.seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`${KEY}:`).toString("base64")}`);
  });

  it("reads a project from the faker handlers (GET /projects/{key})", async () => {
    const { code, stdout } = await runBin(["dss", "get-project", "--project-key", "ALPHA"], env);
    expect(code).toBe(0);
    expect(typeof JSON.parse(stdout)).toBe("object");
    expect(server.seen[0]?.url).toBe("/public/api/projects/ALPHA");
  });

  it("uploads a file to an uploaded-files dataset as multipart", async () => {
    let received: FormData | undefined;
    server.use(
      getUploadDatasetFileMockHandler(
        async ({ request }) => {
          received = await request.formData();
        },
        { baseURL: api },
      ),
    );
    const file = join(mkdtempSync(join(tmpdir(), "sciclients-dss-")), "rows.csv");
    writeFileSync(file, "a,b\n1,2\n");
    const { code, stderr } = await runBin(
      ["dss", "upload-dataset-file", "--project-key", "ALPHA", "--dataset-name", "rows", "--file", file],
      env,
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const sent = received?.get("file") as File;
    expect(sent.name).toBe("rows.csv");
    expect(await sent.text()).toBe("a,b\n1,2\n");
  });

  it("downloads a managed folder's file to --out, bytes as sent", async () => {
    const bytes = new Uint8Array([137, 80, 78, 71, 0, 255]);
    server.use(
      http.get(`${api}/projects/:projectKey/managedfolders/:folderId/contents/:path`, () =>
        HttpResponse.arrayBuffer(bytes.buffer, { headers: { "content-type": "application/octet-stream" } }),
      ),
    );
    const out = join(mkdtempSync(join(tmpdir(), "sciclients-dss-")), "plot.png");
    const { code } = await runBin(
      ["dss", "download-managed-folder-file", "--project-key", "ALPHA", "--folder-id", "f1", "--path", "plots/plot.png", "--out", out],
      env,
    );
    expect(code).toBe(0);
    expect([...readFileSync(out)]).toEqual([...bytes]);
    expect(server.seen[0]?.url).toBe("/public/api/projects/ALPHA/managedfolders/f1/contents/plots%2Fplot.png");
  });

  it("names the service, status and message of a DSS error without the key, exit 1", async () => {
    server.use(
      http.get(`${api}/projects/:projectKey`, () =>
        HttpResponse.json({ errorType: "com.dataiku.dip.exceptions.UnauthorizedException", message: "no such project" }, { status: 404 }),
      ),
    );
    const { code, stderr, stdout } = await runBin(["dss", "get-project", "--project-key", "NOPE"], env);
    expect(code).toBe(1);
    expect(stderr).toContain("dss answered 404");
    expect(stderr).toContain("no such project");
    expect(stderr + stdout).not.toContain(KEY);
  });

  it("refuses --all-pages: DSS does not page", async () => {
    const { code, stderr } = await runBin(["dss", "list-projects", "--all-pages"], env);
    expect(code).toBe(2);
    expect(stderr).toContain("dss has no paged operations");
  });

  it("--wait follows the long task an operation starts (FutureStart), progress on stderr, result on stdout", async () => {
    let polls = 0;
    server.use(
      http.post(`${api}/projects/:projectKey/datasets/:datasetName/actions/copyTo`, () =>
        HttpResponse.json({ jobId: "F1", hasResult: false }),
      ),
      http.get(`${api}/futures/F1`, ({ request }) => {
        if (new URL(request.url).searchParams.get("peek") === "false")
          return HttpResponse.json({ jobId: "F1", hasResult: true, alive: false, result: { copied: 4 } });
        polls += 1;
        const done = polls >= 3;
        return HttpResponse.json({
          jobId: "F1",
          hasResult: done,
          alive: !done,
          progress: { states: [{ name: "copying", cur: polls, target: 4 }] },
        });
      }),
    );
    const { code, stdout, stderr } = await runBin(
      [
        "dss",
        "copy-dataset",
        "--project-key",
        "ALPHA",
        "--dataset-name",
        "rows",
        "--target-project-key",
        "BETA",
        "--target-dataset-name",
        "rows",
        "--wait",
      ],
      env,
    );
    expect(stderr).toContain("dss long task F1: waiting");
    expect(stderr).toContain("dss long task F1: copying (25%, 1/4)");
    expect(stderr).toContain("dss long task F1: copying (75%, 3/4)");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ copied: 4 });
  });

  it("--quiet waits without a word on stderr", async () => {
    server.use(http.get(`${api}/futures/F3`, () => HttpResponse.json({ jobId: "F3", hasResult: true, alive: false, result: "ok" })));
    const { code, stdout, stderr } = await runBin(["--quiet", "dss", "get-future", "--job-id", "F3", "--wait"], env);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(JSON.parse(stdout)).toBe("ok");
  });

  it("start-job --wait builds, reporting the job's state until DONE", async () => {
    let polls = 0;
    let definition: unknown;
    server.use(
      http.post(`${api}/projects/ALPHA/jobs/`, async ({ request }) => {
        definition = await request.json();
        return HttpResponse.json({ id: "BUILD_1" });
      }),
      http.get(`${api}/projects/ALPHA/jobs/BUILD_1/`, () => {
        polls += 1;
        const state = polls >= 2 ? "DONE" : "RUNNING";
        return HttpResponse.json({ baseStatus: { state }, globalState: { done: polls, total: 2 } });
      }),
    );
    const { code, stdout, stderr } = await runBin(
      ["dss", "start-job", "--project-key", "ALPHA", "--body", '{"type":"NON_RECURSIVE_FORCED_BUILD","outputs":[{"id":"rows"}]}', "--wait"],
      env,
    );
    expect(stderr).toContain("dss job BUILD_1: started");
    expect(stderr).toContain("dss job BUILD_1: RUNNING (50%, 1/2)");
    expect(stderr).toContain("dss job BUILD_1: DONE (100%, 2/2)");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).baseStatus.state).toBe("DONE");
    expect(definition).toEqual({ type: "NON_RECURSIVE_FORCED_BUILD", outputs: [{ id: "rows" }] });
  });

  it("run-scenario --wait follows the run it started and exits 1 when it FAILED", async () => {
    const trigger = { id: "manual", type: "manual", name: "manual" };
    server.use(
      http.post(`${api}/projects/ALPHA/scenarios/NIGHTLY/run`, () => HttpResponse.json({ runId: "fire-1", trigger, cancelled: false })),
      http.get(`${api}/projects/ALPHA/scenarios/NIGHTLY/get-run-for-trigger`, () => HttpResponse.json({ scenarioRun: { runId: "run-1" } })),
      http.get(`${api}/projects/ALPHA/scenarios/NIGHTLY/run-1/`, () =>
        HttpResponse.json({ scenarioRun: { runId: "run-1", result: { outcome: "FAILED" } }, stepRuns: [] }),
      ),
    );
    const { code, stderr } = await runBin(["dss", "run-scenario", "--project-key", "ALPHA", "--scenario-id", "NIGHTLY", "--wait"], env);
    expect(stderr).toContain("dss scenario NIGHTLY: triggered (run fire-1)");
    expect(stderr).toContain("dss scenario NIGHTLY: FAILED");
    expect(stderr).toContain("sciclients: DSS scenario NIGHTLY in project ALPHA run run-1 ended FAILED");
    expect(code).toBe(1);
  });

  it("Ctrl-C while waiting stops cleanly: one line naming the long task left running and how to abort it, exit 130", async () => {
    server.use(
      http.get(`${api}/futures/F2`, () =>
        HttpResponse.json({
          jobId: "F2",
          hasResult: false,
          alive: true,
          progress: { states: [{ name: "exporting", cur: 1, target: 10 }] },
        }),
      ),
    );
    const { code, stdout, stderr } = await interruptBin(["dss", "get-future", "--job-id", "F2", "--wait"], env, "exporting (10%");
    expect(code).toBe(130);
    expect(stdout).toBe("");
    const last = stderr.trim().split("\n").at(-1);
    expect(last).toBe("sciclients: interrupted: DSS long task F2 is still running; abort it with: sciclients dss abort-future --job-id F2");
    // Only the waiting stopped: the task was not aborted on DSS.
    expect(server.seen.some((r) => r.method === "DELETE")).toBe(false);
  });

  it("run-macro --wait starts the run without waiting on DSS, follows its state, prints the result's bytes", async () => {
    let polls = 0;
    let started: URL | undefined;
    server.use(
      http.post(`${api}/projects/ALPHA/runnables/pyrunnable_tools_clean`, ({ request }) => {
        started = new URL(request.url);
        return HttpResponse.json({ runId: "M1" });
      }),
      http.get(`${api}/projects/ALPHA/runnables/pyrunnable_tools_clean/state/M1`, () => {
        polls += 1;
        return HttpResponse.json({ exists: true, running: polls < 2, progress: { states: [{ name: "cleaning", cur: polls, target: 2 }] } });
      }),
      http.get(`${api}/projects/ALPHA/runnables/pyrunnable_tools_clean/result/M1`, () => HttpResponse.text("cleaned 3 datasets")),
    );
    const { code, stdout, stderr } = await runBin(
      [
        "dss",
        "run-macro",
        "--project-key",
        "ALPHA",
        "--runnable-type",
        "pyrunnable_tools_clean",
        "--body",
        '{"params":{"dryRun":false}}',
        "--wait",
      ],
      env,
    );
    expect(stderr).toContain("dss macro pyrunnable_tools_clean run M1: started");
    expect(stderr).toContain("dss macro pyrunnable_tools_clean run M1: cleaning (50%, 1/2)");
    expect(code).toBe(0);
    expect(stdout).toBe("cleaned 3 datasets");
    expect(started?.searchParams.get("wait")).toBe("false");
  });

  it("start-train --wait trains after DSS has guessed the settings and prints the session's model ids", async () => {
    let polls = 0;
    let session: unknown;
    const lab = `${api}/projects/ALPHA/models/lab/A1/T1`;
    server.use(
      http.get(`${lab}/status`, () => {
        polls += 1;
        if (polls === 1) return HttpResponse.json({ guessing: true, training: false });
        if (polls <= 3) return HttpResponse.json({ guessing: false, training: polls === 3 });
        const fullModelIds = [
          { id: "A-ALPHA-A1-T1-s1-pp1-m1", fullModelId: { sessionId: "s1" } },
          { id: "A-ALPHA-A1-T1-s0-pp1-m1", fullModelId: { sessionId: "s0" } },
        ];
        return HttpResponse.json({ guessing: false, training: false, totalTrainedModels: 2, fullModelIds });
      }),
      http.post(`${lab}/train`, async ({ request }) => {
        session = await request.json();
        return HttpResponse.json({ sessionId: "s1" });
      }),
    );
    const { code, stdout, stderr } = await runBin(
      ["dss", "start-train", "--project-key", "ALPHA", "--analysis-id", "A1", "--ml-task-id", "T1", "--session-name", "nightly", "--wait"],
      env,
    );
    expect(stderr).toContain("dss ml task T1: guessing settings");
    expect(stderr).toContain("dss ml task T1: training (session s1)");
    expect(stderr).toContain("dss ml task T1: trained (2 models)");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(["A-ALPHA-A1-T1-s1-pp1-m1"]);
    expect(session).toMatchObject({ sessionName: "nightly" });
  });

  it("--wait on an answer without a long task id says so, exit 1", async () => {
    server.use(
      http.post(`${api}/projects/:projectKey/datasets/:datasetName/actions/copyTo`, () => HttpResponse.json({ hasResult: false })),
    );
    const { code, stderr } = await runBin(
      [
        "dss",
        "copy-dataset",
        "--project-key",
        "A",
        "--dataset-name",
        "r",
        "--target-project-key",
        "B",
        "--target-dataset-name",
        "r",
        "--wait",
      ],
      env,
    );
    expect(code).toBe(1);
    expect(stderr).toBe('sciclients: DSS answered without a long task id to wait for: {"hasResult":false}\n');
  });
});
