// @vitest-environment jsdom
// What the client does about IceProd's own quirks: whole-number priorities
// written as floats, and the status machines a UI can consult before asking.
import path from "node:path";
import {
  canMoveDataset,
  canMoveJob,
  canMoveTask,
  createIceprodClient,
  DATASET_STATUS_MOVES,
  JOB_STATUS_MOVES,
  TASK_STATUS_MOVES,
} from "@sciclients/iceprod-client";
import { useCreateDataset } from "@sciclients/iceprod-client/datasets";
import { createDataset, createTask, updateDatasetPriority } from "@sciclients/iceprod-client/functions";
import { deref, loadSpec, type Schema } from "@sciclients/test-utils";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { configure, renderHook, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { createElement, type ReactNode } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

// waitFor gives up after 1 s by default; the first request of a file loads the
// request pipeline's chunk (a dynamic import vitest transforms on first use), which
// took over 1 s when CI tests every package at once on two cores. A ceiling, not a speed check.
configure({ asyncUtilTimeout: 10_000 });

const BASE = "https://iceprod.test";
const client = createIceprodClient({ baseURL: BASE });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** The body text and content type of each request to `route`, answered with `answer`. */
function record(method: "post" | "put", route: string, answer: Record<string, string>, status = 201) {
  const seen: { text: string; type: string | null }[] = [];
  server.use(
    http[method](`${BASE}${route}`, async ({ request }) => {
      seen.push({ text: await request.text(), type: request.headers.get("content-type") });
      return HttpResponse.json(answer, { status });
    }),
  );
  return seen;
}

const dataset = { description: "CORSIKA", jobs_submitted: 10, tasks_submitted: 30, tasks_per_job: 3, group: "users" };

describe("IceProd refuses a JSON integer where it wants a float", () => {
  it("createDataset sends a whole-number priority as 1.0, and leaves fractions and the rest of the body as they are", async () => {
    const seen = record("post", "/datasets", { result: "d1" });
    await createDataset({ ...dataset, priority: 1 }, { client });
    await createDataset({ ...dataset, priority: 0.25 }, { client });
    await createDataset({ ...dataset, priority: -0 }, { client });
    await createDataset(dataset, { client });
    expect(seen[0]?.text).toBe(
      '{"description":"CORSIKA","jobs_submitted":10,"tasks_submitted":30,"tasks_per_job":3,"group":"users","priority":1.0}',
    );
    expect(seen[0]?.type).toBe("application/json");
    expect(JSON.parse(seen[1]?.text ?? "")).toEqual({ ...dataset, priority: 0.25 });
    expect(seen[1]?.text).toContain('"priority":0.25');
    expect(seen[2]?.text).toContain('"priority":-0.0');
    expect(seen[3]?.text).toBe(JSON.stringify(dataset));
  });

  it("a priority that only looks like the client's marker is sent as given", async () => {
    const seen = record("post", "/datasets", { result: "d1" });
    await createDataset({ ...dataset, description: "\u0000float-x-priority\u0000", priority: 2 }, { client });
    expect(JSON.parse(seen[0]?.text ?? "")).toEqual({ ...dataset, description: "\u0000float-x-priority\u0000", priority: 2 });
    expect(seen[0]?.text).toContain('"priority":2.0');
  });

  it("createTask does the same, and routes that accept integers are left alone", async () => {
    const tasks = record("post", "/tasks", { result: "t1" });
    const priorities = record("put", "/datasets/d1/priority", {}, 200);
    await createTask(
      { dataset_id: "d1", job_id: "j1", task_index: 0, job_index: 0, name: "generate", depends: [], requirements: {}, priority: 3 },
      { client },
    );
    await updateDatasetPriority("d1", { priority: 1 }, { client });
    expect(tasks[0]?.text).toContain('"priority":3.0');
    expect(priorities[0]?.text).toBe('{"priority":1}');
  });

  it("the hooks go through the same client", async () => {
    const seen = record("post", "/datasets", { result: "d1" });
    const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client: queryClient }, children);
    const { result } = renderHook(() => useCreateDataset({ request: { client } }), { wrapper });
    result.current.mutate({ data: { ...dataset, priority: 5 } });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(seen[0]?.text).toContain('"priority":5.0');
  });
});

describe("status machines", () => {
  const doc = loadSpec(path.join(import.meta.dirname, "../../../specs/iceprod.yaml"));
  const schema = (name: string) => deref<Schema>(doc, { $ref: `#/components/schemas/${name}` });

  it("are the spec's x-iceprod-status-moves, and its descriptions say the same", () => {
    for (const [name, moves] of [
      ["DatasetStatus", DATASET_STATUS_MOVES],
      ["JobStatus", JOB_STATUS_MOVES],
      ["TaskStatus", TASK_STATUS_MOVES],
    ] as const) {
      const s = schema(name);
      expect(s["x-iceprod-status-moves"], name).toEqual(moves);
      expect(Object.keys(moves), name).toEqual(s.enum);
      const said = (targets: readonly string[]) =>
        targets.length === 1
          ? `\`${targets[0]}\``
          : `${targets
              .slice(0, -1)
              .map((t) => `\`${t}\``)
              .join(", ")} or \`${targets.at(-1)}\``;
      for (const [from, targets] of Object.entries(moves)) {
        const line = targets.length === 0 ? `\`${from}\` is final.` : `\`${from}\` → ${said(targets)};`;
        expect(String(s.description).split("\n"), `${name}: ${from}`).toContain(line);
      }
    }
  });

  it("allow what IceProd's server allows for tasks, and refuse waiting → failed", () => {
    for (const from of ["waiting", "queued", "processing", "suspended", "failed"] as const)
      expect(canMoveTask(from, "idle"), from).toBe(true);
    expect(canMoveTask("queued", "complete")).toBe(true);
    expect(canMoveTask("processing", "queued")).toBe(true);
    expect(canMoveTask("waiting", "failed")).toBe(false);
    expect(canMoveTask("complete", "idle")).toBe(false);
    expect(canMoveTask("complete", "complete")).toBe(true);
  });

  it("for datasets and jobs, errors may be suspended only for a dataset", () => {
    expect(canMoveDataset("errors", "suspended")).toBe(true);
    expect(canMoveJob("errors", "suspended")).toBe(false);
    expect(canMoveJob("suspended", "processing")).toBe(true);
    expect(canMoveDataset("complete", "processing")).toBe(false);
  });
});
