// @vitest-environment jsdom
// The React side of core: clients from context, deployment-scoped keys,
// invalidation within one deployment, infinite pages over real HTTP (MSW),
// and where mock handlers listen.
import {
  createRequester,
  createServiceClient,
  infinitePages,
  MissingClientError,
  mockRoute,
  type Paging,
  type ServiceClient,
} from "@sciclients/core";
import {
  deploymentKey,
  SciclientsProvider,
  staleKeyFor,
  useClientOptions,
  useInvalidatingMutationOptions,
  useServiceClient,
} from "@sciclients/core/react";
import { QueryClient, QueryClientProvider, useInfiniteQuery } from "@tanstack/react-query";
import { act, configure, renderHook, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import type { ReactNode } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

// waitFor gives up after 1 s by default; the first request of a file loads the
// request pipeline's chunk (a dynamic import vitest transforms on first use), which
// took over 1 s when CI tests every package at once on two cores. A ceiling, not a speed check.
configure({ asyncUtilTimeout: 10_000 });

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const dmOne = createServiceClient("data-manager", { baseURL: "https://one.test/dm-api/" });
const dmTwo = createServiceClient("data-manager", { baseURL: "https://two.test/dm-api", id: "staging" });
const as = createServiceClient("account-server", { baseURL: "https://one.test/as-api" });

describe("client ids", () => {
  it("default to the base URL without trailing slashes; an explicit id is kept", () => {
    expect(dmOne.id).toBe("https://one.test/dm-api");
    expect(dmTwo.id).toBe("staging");
  });

  it("an id that is not a non-empty string is an error naming the service", () => {
    expect(() => createServiceClient("dss", { baseURL: "https://dss.test", id: " " })).toThrow(/dss: id must be a non-empty string/);
  });
});

describe("SciclientsProvider and useServiceClient", () => {
  // One provider per list, the first outermost.
  const wrap =
    (...layers: ServiceClient[][]) =>
    ({ children }: { children: ReactNode }) => {
      let tree = children;
      for (const clients of [...layers].reverse()) tree = <SciclientsProvider clients={clients}>{tree}</SciclientsProvider>;
      return tree;
    };

  it("gives each service its client from one provider", () => {
    const { result } = renderHook(() => [useServiceClient("data-manager"), useServiceClient("account-server")], {
      wrapper: wrap([dmOne, as]),
    });
    expect(result.current).toEqual([dmOne, as]);
  });

  it("a nested provider overrides the services it names and keeps the outer ones", () => {
    const { result } = renderHook(() => [useServiceClient("data-manager"), useServiceClient("account-server")], {
      wrapper: wrap([dmOne, as], [dmTwo]),
    });
    expect(result.current[0]).toBe(dmTwo);
    expect(result.current[1]).toBe(as);
  });

  it("an explicit client wins over the provider's", () => {
    const { result } = renderHook(() => useServiceClient("data-manager", dmTwo), { wrapper: wrap([dmOne]) });
    expect(result.current).toBe(dmTwo);
  });

  it("without a provider or a client, the error names the hook, the service and the fix", () => {
    expect(() => renderHook(() => useServiceClient("dserver", undefined, "useListDatasets"))).toThrow(MissingClientError);
    expect(() => renderHook(() => useServiceClient("dserver", undefined, "useListDatasets"))).toThrow(
      /useListDatasets has no dserver client: put a dserver client in a <SciclientsProvider clients=\{\[…\]\}>.*or pass one as \{ request: \{ client \} \}/,
    );
    // With a provider that lacks the service, the error lists what it has.
    expect(() => renderHook(() => useServiceClient("dserver", undefined, "useListDatasets"), { wrapper: wrap([dmOne, as]) })).toThrow(
      /the SciclientsProvider above has clients for data-manager, account-server/,
    );
  });

  it("two clients of one service in one provider are an error that says to nest", () => {
    expect(() => renderHook(() => useServiceClient("data-manager"), { wrapper: wrap([dmOne, dmTwo]) })).toThrow(
      /two data-manager clients \(https:\/\/one.test\/dm-api and staging\) in one provider.*Nest a second provider/,
    );
  });

  it("something that is not a client is named by its index", () => {
    const notAClient = { service: "dss" } as unknown as ServiceClient;
    expect(() => renderHook(() => useServiceClient("dss"), { wrapper: wrap([dmOne, notAClient]) })).toThrow(
      /clients\[1\] is not a client made by a create…Client function/,
    );
  });

  it("keeps its context value while the same clients come in a new array", () => {
    let clients = [dmOne, as];
    const wrapper = ({ children }: { children: ReactNode }) => <SciclientsProvider clients={[...clients]}>{children}</SciclientsProvider>;
    const { result, rerender } = renderHook(() => useClientOptions("data-manager", undefined), { wrapper });
    const first = result.current.request.client;
    rerender();
    expect(result.current.request.client).toBe(first);
    clients = [dmTwo, as];
    rerender();
    expect(result.current.request.client).toBe(dmTwo);
  });

  it("useClientOptions keeps the caller's options and fills in request.client", () => {
    const { result } = renderHook(
      () => useClientOptions("data-manager", { query: { enabled: false }, request: { headers: { "x-trace": "1" } } }),
      { wrapper: wrap([dmOne]) },
    );
    expect(result.current).toEqual({ query: { enabled: false }, request: { headers: { "x-trace": "1" }, client: dmOne } });
  });
});

describe("deployment keys", () => {
  it("are the client's id; a missing or foreign client is an error naming the key function", () => {
    expect(deploymentKey("data-manager", { client: dmTwo }, "getGetProjectsQueryKey")).toBe("staging");
    expect(() => deploymentKey("data-manager", undefined, "getGetProjectsQueryKey")).toThrow(
      /getGetProjectsQueryKey needs the data-manager client whose cache entry it names: getGetProjectsQueryKey\(…, \{ client \}\)/,
    );
    expect(() => deploymentKey("data-manager", { client: as }, "getGetProjectsQueryKey")).toThrow(
      /a account-server client cannot name data-manager queries/,
    );
  });

  it("a mutation invalidates its own deployment's queries of the resource, no other's", async () => {
    const queryClient = new QueryClient();
    const keys = {
      ownList: ["data-manager", dmOne.id, "project"],
      ownItem: ["data-manager", dmOne.id, "project", "p-1"],
      otherDeployment: ["data-manager", dmTwo.id, "project"],
      otherResource: ["data-manager", dmOne.id, "dataset"],
    };
    for (const key of Object.values(keys)) queryClient.setQueryData(key, { cached: true });
    let callerRan = false;
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        <SciclientsProvider clients={[dmTwo]}>{children}</SciclientsProvider>
      </QueryClientProvider>
    );
    const { result } = renderHook(
      () =>
        useInvalidatingMutationOptions(
          "data-manager",
          {
            onSuccess: () => {
              callerRan = true;
            },
          },
          { url: "/project/{projectId}", client: dmOne },
        ),
      { wrapper },
    );
    await act(() => result.current.onSuccess?.());
    expect(callerRan).toBe(true);
    expect(queryClient.getQueryState(keys.ownList)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(keys.ownItem)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(keys.otherDeployment)?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(keys.otherResource)?.isInvalidated).toBe(false);
    expect(staleKeyFor(dmOne, "/project/{projectId}")).toEqual(keys.ownList);
  });
});

describe("infinitePages", () => {
  // A cursor paging over a small list served by MSW: `?after=<id>` gives the next two entries.
  const send = createRequester("data-manager");
  type Entry = { id: number };
  const entriesPaging: Paging<[{ size: number }], Entry[], number> = {
    initialPageParam: () => 0,
    fetchPage: ([params], after, request) => send<Entry[]>({ url: "/entries", method: "GET", params: { ...params, after } }, request),
    nextPageParam: (last, [params]) => (last.length < params.size ? undefined : last[last.length - 1]?.id),
  };

  it("fetches the next page with the parameter the last page gives, and stops at the end", async () => {
    const asked: string[] = [];
    server.use(
      http.get("https://one.test/dm-api/entries", ({ request }) => {
        const url = new URL(request.url);
        asked.push(url.search);
        const after = Number(url.searchParams.get("after"));
        const ids = [after + 1, after + 2].filter((id) => id <= 3);
        return HttpResponse.json(ids.map((id) => ({ id })));
      }),
    );
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
    const { result } = renderHook(
      () => useInfiniteQuery({ queryKey: ["entries"], ...infinitePages(entriesPaging, [{ size: 2 }], { client: dmOne }) }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.hasNextPage).toBe(true);
    await act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(2));
    expect(result.current.data?.pages).toEqual([[{ id: 1 }, { id: 2 }], [{ id: 3 }]]);
    expect(result.current.data?.pageParams).toEqual([0, 2]);
    expect(result.current.hasNextPage).toBe(false);
    expect(asked).toEqual(["?size=2&after=0", "?size=2&after=2"]);
  });
});

describe("mockRoute", () => {
  it("binds a route to a base URL, or to any prefix without one", () => {
    expect(mockRoute("/project/:projectId", { baseURL: "https://dm.test/api/" })).toBe("https://dm.test/api/project/:projectId");
    expect(mockRoute("/project/:projectId")).toBe("*/project/:projectId");
    expect(() => mockRoute("/x", { baseURL: "" })).toThrow(/baseURL must be the client's base URL/);
  });
});
