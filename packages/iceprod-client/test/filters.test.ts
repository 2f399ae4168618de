// The `|`-separated filter and projection helpers, and how they go out on the wire.
import { createIceprodClient, keys, pipeList, statusFilter } from "@sciclients/iceprod-client";
import { listDatasets } from "@sciclients/iceprod-client/datasets";
import { listDatasetTasks } from "@sciclients/iceprod-client/tasks";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe("filters", () => {
  it("statusFilter joins statuses with | and drops repeats", () => {
    expect(statusFilter(["processing", "suspended"])).toBe("processing|suspended");
    expect(statusFilter(["idle", "waiting", "queued", "failed", "idle"])).toBe("idle|waiting|queued|failed");
  });

  it("statusFilter refuses a status IceProd does not have", () => {
    // @ts-expect-error: not a status
    expect(() => statusFilter(["running"])).toThrow('Unknown IceProd status "running"');
  });

  it("keys builds a projection", () => {
    expect(keys(["dataset_id", "description", "status"])).toBe("dataset_id|description|status");
  });

  it("an empty list leaves the parameter out; values that cannot be sent throw", () => {
    expect(statusFilter([])).toBeUndefined();
    expect(keys([])).toBeUndefined();
    expect(() => pipeList(["simprod", "a|b"])).toThrow(/cannot contain "\|"/);
    expect(() => pipeList([""])).toThrow(RangeError);
    expect(pipeList(["simprod", "users"])).toBe("simprod|users");
  });

  it("go out as one query value each, the | percent-encoded, and an empty filter not at all", async () => {
    const queries: string[] = [];
    server.use(
      http.get("https://iceprod.test/datasets", ({ request }) => {
        queries.push(new URL(request.url).search);
        return HttpResponse.json({ d1: { dataset_id: "d1", status: "processing" } });
      }),
      http.get("https://iceprod.test/datasets/:id/tasks", ({ request }) => {
        queries.push(new URL(request.url).search);
        return HttpResponse.json({});
      }),
    );
    const client = createIceprodClient({ baseURL: "https://iceprod.test" });
    const datasets = await listDatasets(
      { status: statusFilter(["processing", "suspended"]), groups: pipeList(["simprod"]), keys: keys(["dataset_id", "status"]) },
      { client },
    );
    expect(datasets.d1?.status).toBe("processing");
    await listDatasetTasks("d1", { status: statusFilter([]), keys: keys(["task_id", "status"]) }, { client });
    const [datasetQuery, taskQuery] = queries.map((q) => new URLSearchParams(q));
    expect(datasetQuery?.get("status")).toBe("processing|suspended");
    expect(datasetQuery?.get("keys")).toBe("dataset_id|status");
    expect(queries[0]).toBe("?status=processing%7Csuspended&groups=simprod&keys=dataset_id%7Cstatus");
    expect(taskQuery?.has("status")).toBe(false);
    expect(taskQuery?.get("keys")).toBe("task_id|status");
  });
});
