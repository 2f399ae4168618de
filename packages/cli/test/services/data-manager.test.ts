// The Data Manager from the command line: the bin as a subprocess against the
// client's MSW faker handlers on a loopback port (one server for the file).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getAddFileToProjectMockHandler, getAllMockHandlers, getGetTaskMockHandler } from "@sciclients/data-manager-client/mocks";
import { HttpResponse, http } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../helpers/mock-server.js";
import { interruptBin, runBin } from "../helpers/run-bin.js";

const TOKEN = "dm-token-never-printed";
let server: MockServer;
let env: Record<string, string>;
const api = (origin: string) => `${origin}/data-manager-api`;

beforeAll(async () => {
  server = await startMockServer((origin) => getAllMockHandlers({ baseURL: api(origin) }));
  env = { SQUONK2_DMAPI_URL: api(server.origin), SQUONK2_TOKEN: TOKEN };
});
beforeEach(() => server.reset());
afterAll(() => server.close());

/** Five events, ordinals 0-4, newest first, `event_limit` per page before `event_prior_ordinal`. */
function taskWithEvents(url: URL) {
  const limit = Number(url.searchParams.get("event_limit") ?? 100);
  const prior = url.searchParams.get("event_prior_ordinal");
  const older = [4, 3, 2, 1, 0].filter((ordinal) => prior === null || ordinal < Number(prior));
  const events = older
    .slice(0, limit)
    .map((ordinal) => ({ ordinal, level: "INFO", message: `step ${ordinal}`, time: "2026-01-01T00:00:00Z" }));
  return { task_id: "task-1", purpose: "DATASET", purpose_id: "d1", created: "2026-01-01T00:00:00Z", done: true, removal: false, events };
}

describe("sciclients data-manager", () => {
  it("lists projects from the faker handlers (GET /project) with the token", async () => {
    const { code, stdout, stderr } = await runBin(["data-manager", "get-projects"], env);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(Array.isArray(JSON.parse(stdout).projects)).toBe(true);
    expect(server.seen[0]?.url).toBe("/data-manager-api/project");
    expect(server.seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("follows a task's events page by page with --all-pages", async () => {
    server.use(getGetTaskMockHandler(({ request }) => taskWithEvents(new URL(request.url)) as never, { baseURL: api(server.origin) }));
    const { code, stdout } = await runBin(["data-manager", "get-task", "--task-id", "task-1", "--event-limit", "2", "--all-pages"], env);
    expect(code).toBe(0);
    const task = JSON.parse(stdout);
    expect(task.task_id).toBe("task-1");
    expect(task.events.map((e: { ordinal: number }) => e.ordinal)).toEqual([4, 3, 2, 1, 0]);
    expect(server.seen.map((r) => new URL(r.url, server.origin).searchParams.get("event_prior_ordinal"))).toEqual([null, "3", "1"]);
  });

  it("uploads a file to a project as multipart (PUT /project/{id}/file)", async () => {
    let received: FormData | undefined;
    server.use(
      getAddFileToProjectMockHandler(
        async ({ request }) => {
          received = await request.formData();
        },
        { baseURL: api(server.origin) },
      ),
    );
    const dir = mkdtempSync(join(tmpdir(), "sciclients-dm-"));
    const file = join(dir, "mols.sdf");
    writeFileSync(file, "C1=CC=CC=C1\n$$$$\n");
    const { code, stderr } = await runBin(
      ["data-manager", "add-file-to-project", "--project-id", "p1", "--file", file, "--path", "/in"],
      env,
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const sent = received?.get("file") as File;
    expect(sent.name).toBe("mols.sdf");
    expect(await sent.text()).toBe("C1=CC=CC=C1\n$$$$\n");
    expect(received?.get("path")).toBe("/in");
  });

  it("downloads a file's bytes to --out (GET /file/{id})", async () => {
    const bytes = new Uint8Array([0, 1, 2, 254, 255]);
    server.use(
      http.get(`${api(server.origin)}/file/:fileId`, () =>
        HttpResponse.arrayBuffer(bytes.buffer, { headers: { "content-type": "application/octet-stream" } }),
      ),
    );
    const out = join(mkdtempSync(join(tmpdir(), "sciclients-dm-")), "got.bin");
    const { code, stdout } = await runBin(["data-manager", "download-file", "--file-id", "f1", "--out", out], env);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect([...readFileSync(out)]).toEqual([...bytes]);
  });

  it("creates a project from flags, form-encoded (POST /project), and prints the faker answer", async () => {
    const { code, stdout } = await runBin(["data-manager", "create-project", "--name", "alpha", "--tier-product-id", "product-1"], env);
    expect(code).toBe(0);
    expect(typeof JSON.parse(stdout).project_id).toBe("string");
    const sent = server.seen.find((r) => r.method === "POST");
    expect(sent?.url).toBe("/data-manager-api/project");
    const form = new URLSearchParams(sent?.body.toString());
    expect(form.get("name")).toBe("alpha");
    expect(form.get("tier_product_id")).toBe("product-1");
  });

  it("get-task --wait polls until the task is done, its state and newest event on stderr", async () => {
    let polls = 0;
    server.use(
      getGetTaskMockHandler(
        () => {
          polls += 1;
          const done = polls >= 3;
          const events = [{ ordinal: polls, level: "INFO", message: `step ${polls}`, time: "2026-01-01T00:00:00Z" }];
          const states = [{ state: done ? "SUCCESS" : "RUNNING", time: "2026-01-01T00:00:00Z" }];
          return {
            purpose: "DATASET",
            purpose_id: "d1",
            created: "2026-01-01T00:00:00Z",
            done,
            exit_code: done ? 0 : undefined,
            states,
            events,
          } as never;
        },
        { baseURL: api(server.origin) },
      ),
    );
    const { code, stdout, stderr } = await runBin(["data-manager", "get-task", "--task-id", "task-2", "--wait"], env);
    expect(stderr).toBe(
      ["RUNNING: step 1", "RUNNING: step 2", "SUCCESS: step 3"].map((line) => `data-manager task task-2: ${line}\n`).join(""),
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).done).toBe(true);
  });

  it("Ctrl-C while waiting for a task says it goes on running and how to follow it, exit 130", async () => {
    server.use(
      getGetTaskMockHandler(
        {
          purpose: "DATASET",
          purpose_id: "d1",
          created: "2026-01-01T00:00:00Z",
          done: false,
          states: [{ state: "RUNNING", time: "2026-01-01T00:00:00Z" }],
          events: [],
        } as never,
        { baseURL: api(server.origin) },
      ),
    );
    const { code, stderr } = await interruptBin(["data-manager", "get-task", "--task-id", "task-3", "--wait"], env, "task-3: RUNNING");
    expect(code).toBe(130);
    expect(stderr.trim().split("\n").at(-1)).toBe(
      "sciclients: interrupted: Data Manager task task-3 goes on running on the server; follow it with: sciclients data-manager get-task --task-id task-3 --wait",
    );
  });

  it("refuses --wait with --all-pages before sending anything, exit 2", async () => {
    const { code, stderr } = await runBin(["data-manager", "get-task", "--task-id", "task-4", "--wait", "--all-pages"], env);
    expect(code).toBe(2);
    expect(stderr).toBe("sciclients: --all-pages and --wait do not go together: --wait follows the work, not the pages\n");
    expect(server.seen).toEqual([]);
  });
});
