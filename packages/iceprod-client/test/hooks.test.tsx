// @vitest-environment jsdom
// IceProd's React Query hooks under jsdom, against the package's own MSW mocks.
import { ApiError, createIceprodClient, type DatasetMap, keys, statusFilter } from "@sciclients/iceprod-client";
import { getListDatasetsQueryKey, useGetDataset, useListDatasets, useUpdateDatasetStatus } from "@sciclients/iceprod-client/datasets";
import { getListDatasetsMockHandler, getUpdateDatasetStatusMockHandler } from "@sciclients/iceprod-client/mocks";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, configure, render, renderHook, screen, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import type { ReactNode } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

// waitFor gives up after 1 s by default; the first request of a file loads the
// request pipeline's chunk (a dynamic import vitest transforms on first use), which
// took over 1 s when CI tests every package at once on two cores. A ceiling, not a speed check.
configure({ asyncUtilTimeout: 10_000 });

const delays: number[] = [];
const iceprod = createIceprodClient({
  baseURL: "https://iceprod.test",
  retry: {
    sleep: async (ms) => {
      delays.push(ms);
    },
  },
});
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup() {
  // The client retries already; React Query's own retries would multiply them.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
  return { queryClient, wrapper };
}

const datasets: DatasetMap = {
  "6b3f0c2e": { dataset_id: "6b3f0c2e", dataset: 22000, description: "CORSIKA 20904", status: "processing" },
  "7c41e5b6": { dataset_id: "7c41e5b6", dataset: 22001, description: "NuGen 21002", status: "suspended" },
};

function DatasetList() {
  const params = { status: statusFilter(["processing", "suspended"]), keys: keys(["dataset_id", "dataset", "description", "status"]) };
  const { data, error, isPending } = useListDatasets(params, { request: { client: iceprod } });
  if (isPending) return <p>Loading…</p>;
  if (error) return <p>{error.message}</p>;
  return (
    <ul>
      {Object.values(data).map((d) => (
        <li key={d.dataset_id}>
          {d.dataset}: {d.description} ({d.status})
        </li>
      ))}
    </ul>
  );
}

describe("IceProd hooks", () => {
  it("useListDatasets renders the datasets keyed by id, with the filters in the query key", async () => {
    let query = "";
    server.use(
      getListDatasetsMockHandler(({ request }) => {
        query = new URL(request.url).search;
        return datasets;
      }),
    );
    const { wrapper } = setup();
    render(<DatasetList />, { wrapper });
    expect(await screen.findByText("22000: CORSIKA 20904 (processing)")).toBeTruthy();
    expect(screen.getByText("22001: NuGen 21002 (suspended)")).toBeTruthy();
    expect(new URLSearchParams(query).get("status")).toBe("processing|suspended");
    expect(getListDatasetsQueryKey({ status: "processing" }, { client: iceprod })).toEqual([
      "iceprod",
      iceprod.id,
      "datasets",
      { status: "processing" },
    ]);
  });

  it("a 503 is retried by the client under the hook, which just sees the data", async () => {
    delays.length = 0;
    let calls = 0;
    server.use(
      http.get("*/datasets/:id", ({ params }) => {
        calls += 1;
        if (calls === 1) return HttpResponse.json({ code: 503, error: "busy" }, { status: 503, headers: { "Retry-After": "5" } });
        return HttpResponse.json({ dataset_id: String(params.id), status: "complete" });
      }),
    );
    const { wrapper } = setup();
    const { result } = renderHook(() => useGetDataset("d1", { request: { client: iceprod } }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.status).toBe("complete");
    expect(calls).toBe(2);
    expect(delays).toEqual([5000]);
  });

  it("a failed query gives a typed ApiError with IceProd's {code, error} body", async () => {
    server.use(http.get("*/datasets/:id", () => HttpResponse.json({ code: 403, error: "not authorized for dataset" }, { status: 403 })));
    const { wrapper } = setup();
    const { result } = renderHook(() => useGetDataset("d1", { request: { client: iceprod } }), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    const error = result.current.error;
    expect(error).toBeInstanceOf(ApiError);
    if (!(error instanceof ApiError)) throw new Error("expected an ApiError");
    expect(error?.status).toBe(403);
    expect(error?.service).toBe("iceprod");
    expect(error?.body).toEqual({ code: 403, error: "not authorized for dataset" });
  });

  it("useUpdateDatasetStatus sends the new status and refreshes the dataset queries", async () => {
    let listCalls = 0;
    let sent: unknown;
    server.use(
      getListDatasetsMockHandler(() => {
        listCalls += 1;
        return datasets;
      }),
      getUpdateDatasetStatusMockHandler(async ({ request }) => {
        sent = await request.json();
        return {};
      }),
    );
    const { wrapper, queryClient } = setup();
    const { result } = renderHook(
      () => ({
        list: useListDatasets(undefined, { request: { client: iceprod } }),
        update: useUpdateDatasetStatus({ request: { client: iceprod } }),
      }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    expect(listCalls).toBe(1);
    queryClient.setQueryData(["iceprod", "config", "6b3f0c2e"], { untouched: true });
    await act(() => result.current.update.mutateAsync({ datasetId: "6b3f0c2e", data: { status: "suspended" } }));
    expect(sent).toEqual({ status: "suspended" });
    await waitFor(() => expect(listCalls).toBe(2));
    expect(queryClient.getQueryState(["iceprod", "config", "6b3f0c2e"])?.isInvalidated).toBe(false);
  });
});
