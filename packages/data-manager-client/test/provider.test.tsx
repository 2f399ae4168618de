// @vitest-environment jsdom
// Hooks with their client from a SciclientsProvider: no options needed, two
// deployments under one QueryClient with their own cache entries, mutations
// refreshing their own deployment, server rendering with prefetch, dehydrate
// and HydrationBoundary, and the task events' infinite query.
import { createAccountServerClient } from "@sciclients/account-server-client";
import { getGetOrganisationsMockHandler } from "@sciclients/account-server-client/mocks";
import { useGetOrganisations } from "@sciclients/account-server-client/organisation";
import type { ServiceClient } from "@sciclients/core";
import { createDataManagerClient, MissingClientError, type ProjectsGetResponse, type TaskEvent } from "@sciclients/data-manager-client";
import { getDeleteProjectMockHandler, getGetProjectsMockHandler, getGetTaskMockHandler } from "@sciclients/data-manager-client/mocks";
import {
  getGetProjectsQueryKey,
  prefetchGetProjectsQuery,
  useDeleteProject,
  useGetProjects,
} from "@sciclients/data-manager-client/project";
import { SciclientsProvider, useDataManagerClient } from "@sciclients/data-manager-client/react";
import { getGetTaskInfiniteQueryKey, useGetTaskInfinite } from "@sciclients/data-manager-client/task";
import { type DehydratedState, dehydrate, HydrationBoundary, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, configure, render, renderHook, screen, waitFor } from "@testing-library/react";
import { setupServer } from "msw/node";
import type { ReactNode } from "react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

// waitFor gives up after 1 s by default; the first request of a file loads the
// request pipeline's chunk (a dynamic import vitest transforms on first use), which
// took over 1 s when CI tests every package at once on two cores. A ceiling, not a speed check.
configure({ asyncUtilTimeout: 10_000 });

const EAST = "https://east.test/data-manager-api";
const WEST = "https://west.test/data-manager-api";
const AS = "https://east.test/account-server-api";
const east = createDataManagerClient({ baseURL: EAST });
const west = createDataManagerClient({ baseURL: WEST });
const as = createAccountServerClient({ baseURL: AS });

const server = setupServer();
let seen: string[] = [];
beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  server.events.on("request:start", ({ request }) => {
    seen.push(`${request.method} ${request.url}`);
  });
});
afterEach(() => {
  server.resetHandlers();
  seen = [];
});
afterAll(() => server.close());

const projects = (...names: string[]): ProjectsGetResponse => ({
  count: names.length,
  projects: names.map((name) => ({
    project_id: `id-${name}`,
    name,
    creator: "alice",
    created: "2026-01-01T00:00:00Z",
    private: false,
    administrators: [],
    editors: [],
    observers: [],
    size: 0,
  })),
});

/** Each deployment's project list, served at its own base URL by the package's own mock handlers. */
function serveProjects() {
  server.use(
    getGetProjectsMockHandler(projects("east-one", "east-two"), { baseURL: EAST }),
    getGetProjectsMockHandler(projects("west-one"), { baseURL: WEST }),
  );
}

function ProjectNames({ label }: { label: string }) {
  const { data } = useGetProjects();
  return <p>{`${label}: ${data?.projects.map((p) => p.name).join(", ") ?? "loading"}`}</p>;
}

/** The page of the server-rendering test: the same tree on the server and in the browser. */
function App({ queryClient, client, state }: { queryClient: QueryClient; client: ServiceClient; state: DehydratedState }) {
  return (
    <QueryClientProvider client={queryClient}>
      <HydrationBoundary state={state}>
        <SciclientsProvider clients={[client]}>
          <ProjectNames label="projects" />
        </SciclientsProvider>
      </HydrationBoundary>
    </QueryClientProvider>
  );
}

const newQueryClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

describe("hooks with the client from a SciclientsProvider", () => {
  it("useGetProjects() needs no options; one provider serves several services", async () => {
    serveProjects();
    server.use(getGetOrganisationsMockHandler({ count: 0, organisations: [] }, { baseURL: AS }));
    const queryClient = newQueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        <SciclientsProvider clients={[east, as]}>{children}</SciclientsProvider>
      </QueryClientProvider>
    );
    const { result } = renderHook(() => ({ projects: useGetProjects(), orgs: useGetOrganisations(), client: useDataManagerClient() }), {
      wrapper,
    });
    await waitFor(() => expect(result.current.projects.isSuccess && result.current.orgs.isSuccess).toBe(true));
    expect(result.current.projects.data?.projects.map((p) => p.name)).toEqual(["east-one", "east-two"]);
    expect(result.current.projects.queryKey).toEqual(["data-manager", EAST, "project"]);
    expect(result.current.orgs.queryKey).toEqual(["account-server", AS, "organisation"]);
    expect(result.current.client).toBe(east);
    expect(seen.sort()).toEqual([`GET ${AS}/organisation`, `GET ${EAST}/project`]);
  });

  it("two deployments of one service under one QueryClient each show their own data, and each server is asked", async () => {
    serveProjects();
    const queryClient = newQueryClient();
    render(
      <QueryClientProvider client={queryClient}>
        <SciclientsProvider clients={[east]}>
          <ProjectNames label="east" />
          <SciclientsProvider clients={[west]}>
            <ProjectNames label="west" />
          </SciclientsProvider>
        </SciclientsProvider>
      </QueryClientProvider>,
    );
    expect(await screen.findByText("east: east-one, east-two")).toBeTruthy();
    expect(await screen.findByText("west: west-one")).toBeTruthy();
    expect(seen.sort()).toEqual([`GET ${EAST}/project`, `GET ${WEST}/project`]);
    const keys = queryClient
      .getQueryCache()
      .getAll()
      .map((q) => q.queryKey);
    expect(keys).toHaveLength(2);
    expect(keys).toEqual(
      expect.arrayContaining([getGetProjectsQueryKey(undefined, { client: east }), getGetProjectsQueryKey(undefined, { client: west })]),
    );
  });

  it("an explicit request.client wins over the provider's", async () => {
    serveProjects();
    const queryClient = newQueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        <SciclientsProvider clients={[east]}>{children}</SciclientsProvider>
      </QueryClientProvider>
    );
    const { result } = renderHook(() => useGetProjects(undefined, { request: { client: west } }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.projects.map((p) => p.name)).toEqual(["west-one"]);
    expect(seen).toEqual([`GET ${WEST}/project`]);
  });

  it("keys are serialisable and stay the same across renders", async () => {
    serveProjects();
    const queryClient = newQueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        <SciclientsProvider clients={[east]}>{children}</SciclientsProvider>
      </QueryClientProvider>
    );
    const { result, rerender } = renderHook(() => useGetProjects({ exclude_removal: true } as never), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    const first = result.current.queryKey;
    rerender();
    expect(result.current.queryKey).toEqual(first);
    expect(JSON.parse(JSON.stringify(first))).toEqual(["data-manager", EAST, "project", { exclude_removal: true }]);
    expect(seen).toHaveLength(1);
  });

  it("without a provider or a client, the hook throws naming the service and the fix", () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={newQueryClient()}>{children}</QueryClientProvider>
    );
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(() => renderHook(() => useGetProjects(), { wrapper })).toThrow(MissingClientError);
      expect(() => renderHook(() => useGetProjects(), { wrapper })).toThrow(
        /useGetProjects has no data-manager client: put a data-manager client in a <SciclientsProvider clients=\{\[…\]\}>.*\{ request: \{ client \} \}/,
      );
      expect(() => renderHook(() => useDeleteProject(), { wrapper })).toThrow(/useDeleteProject has no data-manager client/);
    } finally {
      quiet.mockRestore();
    }
    expect(seen).toEqual([]);
  });

  it("prefetching without a client fails before any request, saying where the client goes", async () => {
    await expect(prefetchGetProjectsQuery(newQueryClient())).rejects.toThrow(
      /getGetProjectsQueryKey needs the data-manager client whose cache entry it names.*or \{ request: \{ client \} \}/,
    );
    expect(seen).toEqual([]);
  });

  it("a mutation refreshes its own deployment's list, not the other deployment's", async () => {
    let eastLists = 0;
    let westLists = 0;
    server.use(
      getGetProjectsMockHandler(
        () => {
          eastLists += 1;
          return projects("east-one");
        },
        { baseURL: EAST },
      ),
      getGetProjectsMockHandler(
        () => {
          westLists += 1;
          return projects("west-one");
        },
        { baseURL: WEST },
      ),
      getDeleteProjectMockHandler({ task_id: "task-1" }, { baseURL: EAST }),
    );
    const queryClient = newQueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        <SciclientsProvider clients={[east]}>{children}</SciclientsProvider>
      </QueryClientProvider>
    );
    const { result } = renderHook(
      () => ({ east: useGetProjects(), west: useGetProjects(undefined, { request: { client: west } }), remove: useDeleteProject() }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.east.isSuccess && result.current.west.isSuccess).toBe(true));
    await act(() => result.current.remove.mutateAsync({ projectId: "id-east-one" }));
    await waitFor(() => expect(eastLists).toBe(2));
    expect(westLists).toBe(1);
    expect(queryClient.getQueryState(getGetProjectsQueryKey(undefined, { client: west }))?.isInvalidated).toBe(false);
    expect(seen).toContain(`DELETE ${EAST}/project/id-east-one`);
  });
});

describe("server rendering", () => {
  it("prefetchGetProjectsQuery on the server, then dehydrate and HydrationBoundary: the page hydrates without a request", async () => {
    // One deployment, reached by an absolute URL on the server and a proxy path in the
    // browser: the same id gives both the same query key.
    const onServer = createDataManagerClient({ baseURL: EAST, id: "dm-east" });
    const inBrowser = createDataManagerClient({ baseURL: "/data-manager-api", id: "dm-east" });
    serveProjects();

    const serverQueryClient = newQueryClient();
    await prefetchGetProjectsQuery(serverQueryClient, undefined, { request: { client: onServer } });
    expect(seen).toEqual([`GET ${EAST}/project`]);
    // What travels to the browser is JSON.
    const state: DehydratedState = JSON.parse(JSON.stringify(dehydrate(serverQueryClient)));

    const html = renderToString(<App queryClient={newQueryClient()} client={onServer} state={state} />);
    expect(html).toContain("projects: east-one, east-two");

    seen = [];
    const container = document.createElement("div");
    container.innerHTML = html;
    document.body.append(container);
    const browserQueryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 60_000 } } });
    const errors: unknown[] = [];
    const root = await act(async () =>
      hydrateRoot(container, <App queryClient={browserQueryClient} client={inBrowser} state={state} />, {
        onRecoverableError: (e) => errors.push(e),
      }),
    );
    expect(container.textContent).toBe("projects: east-one, east-two");
    expect(errors).toEqual([]);
    expect(seen).toEqual([]);
    expect(browserQueryClient.getQueryData(getGetProjectsQueryKey(undefined, { client: inBrowser }))).toMatchObject({ count: 2 });
    act(() => root.unmount());
    container.remove();
  });
});

describe("useGetTaskInfinite", () => {
  // Events 0…5 of one task, newest first, `event_limit` per response, before `event_prior_ordinal` when given.
  const events: TaskEvent[] = [0, 1, 2, 3, 4, 5].map((ordinal) => ({ ordinal, message: `event ${ordinal}`, level: "INFO", time: "" }));

  it("asks for the events before the oldest one received, and stops at the first event", async () => {
    server.use(
      getGetTaskMockHandler(
        ({ request }) => {
          const url = new URL(request.url);
          const limit = Number(url.searchParams.get("event_limit"));
          const prior = url.searchParams.get("event_prior_ordinal");
          const before = events.filter((e) => prior === null || e.ordinal < Number(prior)).reverse();
          return { purpose: "DATASET", purpose_id: "d-1", created: "", done: true, events: before.slice(0, limit) };
        },
        { baseURL: EAST },
      ),
    );
    const queryClient = newQueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        <SciclientsProvider clients={[east]}>{children}</SciclientsProvider>
      </QueryClientProvider>
    );
    const { result } = renderHook(() => useGetTaskInfinite("task-1", { event_limit: 2 }), { wrapper });
    // Reading `data` first: React Query re-renders for the result fields read so far.
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(1));
    expect(result.current.queryKey).toEqual(["data-manager", EAST, "task", "task-1", { event_limit: 2 }, "infinite"]);
    expect(result.current.queryKey).toEqual(getGetTaskInfiniteQueryKey("task-1", { event_limit: 2 }, { client: east }));
    while (result.current.hasNextPage) {
      const count = result.current.data?.pages.length ?? 0;
      await act(() => result.current.fetchNextPage());
      await waitFor(() => expect(result.current.data?.pages).toHaveLength(count + 1));
    }
    const ordinals = result.current.data?.pages.map((page) => page.events?.map((e) => e.ordinal));
    expect(ordinals).toEqual([
      [5, 4],
      [3, 2],
      [1, 0],
    ]);
    expect(result.current.data?.pageParams).toEqual([null, 4, 2]);
    expect(seen.map((s) => new URL(s.split(" ")[1] ?? "").search)).toEqual([
      "?event_limit=2",
      "?event_limit=2&event_prior_ordinal=4",
      "?event_limit=2&event_prior_ordinal=2",
    ]);
  });
});
