// IceProd from the command line: the bin as a subprocess against the client's
// MSW faker handlers on a loopback port (one server for the file).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getAllMockHandlers, getCreateDatasetMockHandler } from "@sciclients/iceprod-client/mocks";
import { HttpResponse, http } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../helpers/mock-server.js";
import { interruptBin, runBin } from "../helpers/run-bin.js";

const TOKEN = "iceprod-token-never-printed";
let server: MockServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startMockServer((origin) => getAllMockHandlers({ baseURL: origin }));
  env = { ICEPROD_API_URL: server.origin, ICEPROD_TOKEN: TOKEN };
});
beforeEach(() => server.reset());
afterAll(() => server.close());

describe("sciclients iceprod", () => {
  it("lists datasets filtered by status with the token (GET /datasets)", async () => {
    const { code, stdout } = await runBin(["iceprod", "list-datasets", "--status", "processing"], env);
    expect(code).toBe(0);
    expect(typeof JSON.parse(stdout)).toBe("object");
    expect(server.seen[0]?.url).toBe("/datasets?status=processing");
    expect(server.seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("reads one dataset from the faker handlers (GET /datasets/{id})", async () => {
    const { code, stdout } = await runBin(["iceprod", "get-dataset", "--dataset-id", "d123"], env);
    expect(code).toBe(0);
    expect(typeof JSON.parse(stdout).dataset_id).toBe("string");
    expect(server.seen[0]?.url).toBe("/datasets/d123");
  });

  it("creates a dataset from a JSON file, a flag overriding one field (POST /datasets)", async () => {
    let received: unknown;
    server.use(
      getCreateDatasetMockHandler(
        async ({ request }) => {
          received = await request.json();
          return { result: "d-new" };
        },
        { baseURL: server.origin },
      ),
    );
    const file = join(mkdtempSync(join(tmpdir(), "sciclients-iceprod-")), "dataset.json");
    writeFileSync(file, JSON.stringify({ description: "test", jobs_submitted: 10, tasks_submitted: 10, tasks_per_job: 1, group: "users" }));
    const { code, stdout } = await runBin(["iceprod", "create-dataset", "--body", `@${file}`, "--jobs-submitted", "20"], env);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ result: "d-new" });
    expect(received).toEqual({ description: "test", jobs_submitted: 20, tasks_submitted: 10, tasks_per_job: 1, group: "users" });
  });

  it("downloads a dataset's streamed task statistics to --out (GET /datasets/{id}/bulk/task_stats)", async () => {
    // An NDJSON stream: the generated handler would send it as one JSON string.
    const lines = `${JSON.stringify({ task_stat_id: "s1", task_id: "t1" })}\n${JSON.stringify({ task_stat_id: "s2", task_id: "t2" })}\n`;
    server.use(
      http.get(`${server.origin}/datasets/:datasetId/bulk/task_stats`, () =>
        HttpResponse.text(lines, { headers: { "content-type": "application/x-ndjson" } }),
      ),
    );
    const out = join(mkdtempSync(join(tmpdir(), "sciclients-iceprod-")), "stats.ndjson");
    const { code, stdout } = await runBin(
      ["iceprod", "stream-dataset-task-stats", "--dataset-id", "d1", "--last", "true", "--out", out],
      env,
    );
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe(lines);
    expect(server.seen[0]?.url).toBe("/datasets/d1/bulk/task_stats?last=true");
  });

  it("refuses --all-pages: IceProd does not page", async () => {
    const { code, stderr } = await runBin(["iceprod", "list-datasets", "--all-pages"], env);
    expect(code).toBe(2);
    expect(stderr).toContain("iceprod has no paged operations");
  });

  it("follows delete-dataset-logs' progress stream: progress on stderr, the last document on stdout", async () => {
    const documents = [
      { status: "deleting", percent_complete: 40 },
      { status: "deleting", percent_complete: 80 },
      { status: "complete", percent_complete: 100 },
    ];
    server.use(
      http.delete(`${server.origin}/datasets/:datasetId/logs`, () =>
        HttpResponse.text(documents.map((d) => `${JSON.stringify(d)}\n`).join(""), { headers: { "content-type": "application/x-ndjson" } }),
      ),
    );
    const { code, stdout, stderr } = await runBin(["iceprod", "delete-dataset-logs", "--dataset-id", "d1"], env);
    expect(stderr).toContain("iceprod log deletion of dataset d1: deleting (40%, 40/100)");
    expect(stderr).toContain("iceprod log deletion of dataset d1: complete (100%, 100/100)");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ status: "complete", percent_complete: 100 });
  });

  it("Ctrl-C during a progress stream closes it, says how far it got, exit 130", async () => {
    const encoder = new TextEncoder();
    server.use(
      http.delete(`${server.origin}/datasets/:datasetId/logs`, () => {
        // One document, then silence: the deletion is still going on.
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode(`${JSON.stringify({ status: "deleting", percent_complete: 30 })}\n`));
          },
        });
        return new HttpResponse(body, { headers: { "content-type": "application/x-ndjson" } });
      }),
    );
    const { code, stdout, stderr } = await interruptBin(["iceprod", "delete-dataset-logs", "--dataset-id", "d9"], env, "(30%");
    expect(code).toBe(130);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n").at(-1)).toBe(
      "sciclients: interrupted: stopped reading IceProd's progress at 30%; the server may go on deleting the logs of dataset d9",
    );
  });
});
