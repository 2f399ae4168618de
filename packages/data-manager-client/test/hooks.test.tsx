// @vitest-environment jsdom
// The React Query hooks, rendered with @testing-library/react under jsdom,
// against MSW handlers from the package's own ./mocks entry.
import { createAccountServerClient } from "@sciclients/account-server-client";
import { getGetOrganisationsMockHandler } from "@sciclients/account-server-client/mocks";
import { getGetOrganisationsQueryKey, useGetOrganisations } from "@sciclients/account-server-client/organisation";
import { staticBearer } from "@sciclients/auth";
import { ApiError, AuthError, createDataManagerClient, type ProjectDetail } from "@sciclients/data-manager-client";
import { getGetProjectMockHandler, getGetProjectsMockHandler, getGetProjectsResponseMock } from "@sciclients/data-manager-client/mocks";
import {
  getGetProjectQueryOptions,
  getGetProjectsQueryKey,
  prefetchGetProjectsQuery,
  useDeleteProject,
  useGetProject,
  useGetProjectSuspense,
  useGetProjects,
} from "@sciclients/data-manager-client/project";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, configure, render, renderHook, screen, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { type ReactNode, Suspense } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

// waitFor gives up after 1 s by default; the first request of a file loads the
// request pipeline's chunk (a dynamic import vitest transforms on first use), which
// took over 1 s when CI tests every package at once on two cores. A ceiling, not a speed check.
configure({ asyncUtilTimeout: 10_000 });

const dm = createDataManagerClient({ baseURL: "https://dm.test/data-manager-api" });
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
  return { queryClient, wrapper };
}

const project = (id: string, name: string): ProjectDetail => ({
  project_id: id,
  name,
  creator: "alice",
  created: "2026-01-01T00:00:00Z",
  private: false,
  administrators: ["alice"],
  editors: [],
  observers: [],
  size: 0,
});

function ProjectName({ id }: { id: string }) {
  const { data } = useGetProjectSuspense(id, { request: { client: dm } });
  return <p>{data.name}</p>;
}

describe("Data Manager hooks", () => {
  it("useGetProjects returns the typed data under a key of the service and the deployment", async () => {
    const body = getGetProjectsResponseMock({ count: 2 });
    server.use(getGetProjectsMockHandler(body));
    const { wrapper } = setup();
    const { result } = renderHook(() => useGetProjects(undefined, { request: { client: dm } }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toEqual(body);
    expect(result.current.queryKey).toEqual(["data-manager", "https://dm.test/data-manager-api", "project"]);
  });

  it("a failed query gives a typed ApiError with the service's error body", async () => {
    server.use(http.get("*/project/:id", () => HttpResponse.json({ error: "No such project" }, { status: 404 })));
    const { wrapper } = setup();
    const { result } = renderHook(() => useGetProject("project-1", { request: { client: dm } }), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    const error = result.current.error;
    expect(error).toBeInstanceOf(ApiError);
    // The hooks' error type is ApiError | AuthError: narrowing tells them apart.
    if (!(error instanceof ApiError)) throw new Error("expected an ApiError");
    expect(error.status).toBe(404);
    expect(error.service).toBe("data-manager");
    expect(error?.body).toEqual({ error: "No such project" });
    expect(error?.method).toBe("GET");
    expect(error?.url).toBe("https://dm.test/data-manager-api/project/project-1");
  });

  it("credentials that cannot be had give the hook an AuthError (its error type is ApiError | AuthError), and nothing is sent", async () => {
    server.use(http.get("*/project/:id", () => HttpResponse.json({})));
    const signedOut = createDataManagerClient({ baseURL: "https://dm.test/data-manager-api", auth: staticBearer("") });
    const { wrapper } = setup();
    const { result } = renderHook(() => useGetProject("project-1", { request: { client: signedOut } }), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    const error = result.current.error;
    expect(error).toBeInstanceOf(AuthError);
    if (!(error instanceof AuthError)) throw new Error("expected an AuthError");
    expect(error.code).toBe("no_credentials");
    expect(error.message).toMatch(/empty token: pass the access token/);
  });

  it("useGetProjectSuspense suspends, then renders the project", async () => {
    server.use(getGetProjectMockHandler(project("project-7", "Suspended name")));
    const { wrapper } = setup();
    render(
      <Suspense fallback={<p>loading</p>}>
        <ProjectName id="project-7" />
      </Suspense>,
      { wrapper },
    );
    expect(screen.getByText("loading")).toBeTruthy();
    expect(await screen.findByText("Suspended name")).toBeTruthy();
  });

  it("a successful mutation invalidates the queries of its resource", async () => {
    let listCalls = 0;
    server.use(
      http.get("*/project", () => {
        listCalls += 1;
        return HttpResponse.json({ count: 0, projects: [] });
      }),
      http.delete("*/project/:id", () => HttpResponse.json({ task_id: "task-1" })),
    );
    const { wrapper, queryClient } = setup();
    const { result } = renderHook(
      () => ({ list: useGetProjects(undefined, { request: { client: dm } }), remove: useDeleteProject({ request: { client: dm } }) }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    expect(listCalls).toBe(1);
    // Queries of another resource stay fresh.
    queryClient.setQueryData(["data-manager", dm.id, "dataset"], { untouched: true });
    await act(() => result.current.remove.mutateAsync({ projectId: "project-1" }));
    await waitFor(() => expect(listCalls).toBe(2));
    expect(queryClient.getQueryState(getGetProjectsQueryKey(undefined, { client: dm }))?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(["data-manager", dm.id, "dataset"])?.isInvalidated).toBe(false);
  });

  it("prefetches with the generated query options and serves the cache without a request", async () => {
    let calls = 0;
    server.use(
      http.get("*/project/:id", ({ params }) => {
        calls += 1;
        return HttpResponse.json(project(String(params.id), "Prefetched"));
      }),
      http.get("*/project", () => {
        calls += 1;
        return HttpResponse.json({ count: 1, projects: [project("project-9", "Prefetched")] });
      }),
    );
    const { wrapper, queryClient } = setup();
    await queryClient.prefetchQuery(getGetProjectQueryOptions("project-9", { request: { client: dm } }));
    await prefetchGetProjectsQuery(queryClient, undefined, { request: { client: dm } });
    expect(calls).toBe(2);
    expect(queryClient.getQueryData(getGetProjectsQueryKey(undefined, { client: dm }))).toMatchObject({ count: 1 });
    const { result } = renderHook(() => useGetProject("project-9", { request: { client: dm }, query: { staleTime: 60_000 } }), { wrapper });
    expect(result.current.data?.name).toBe("Prefetched");
    expect(calls).toBe(2);
  });
});

describe("several clients in one app", () => {
  it("two Data Manager deployments side by side reach their own base URLs", async () => {
    const seen: string[] = [];
    server.use(
      http.get("*/project", ({ request }) => {
        seen.push(new URL(request.url).origin);
        return HttpResponse.json({ count: 0, projects: [] });
      }),
    );
    const east = createDataManagerClient({ baseURL: "https://east.test/dm" });
    const west = createDataManagerClient({ baseURL: "https://west.test/dm" });
    const { getProjects } = await import("@sciclients/data-manager-client/project");
    await Promise.all([getProjects(undefined, { client: east }), getProjects(undefined, { client: west })]);
    expect(seen.sort()).toEqual(["https://east.test", "https://west.test"]);
  });

  it("Data Manager and Account Server hooks share one QueryClient without key collisions", async () => {
    server.use(getGetProjectsMockHandler({ count: 0, projects: [] }), getGetOrganisationsMockHandler({ organisations: [] } as never));
    const as = createAccountServerClient({ baseURL: "https://as.test/account-server-api" });
    const { wrapper, queryClient } = setup();
    const { result } = renderHook(
      () => ({
        projects: useGetProjects(undefined, { request: { client: dm } }),
        orgs: useGetOrganisations(undefined, { request: { client: as } }),
      }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.projects.isSuccess && result.current.orgs.isSuccess).toBe(true));
    const keys = queryClient
      .getQueryCache()
      .getAll()
      .map((q) => q.queryKey);
    expect(keys).toEqual(
      expect.arrayContaining([getGetProjectsQueryKey(undefined, { client: dm }), getGetOrganisationsQueryKey(undefined, { client: as })]),
    );
    expect(getGetProjectsQueryKey(undefined, { client: dm })[0]).toBe("data-manager");
    expect(getGetOrganisationsQueryKey(undefined, { client: as })[0]).toBe("account-server");
    expect(result.current.projects.data).toEqual({ count: 0, projects: [] });
    expect(result.current.orgs.data).toEqual({ organisations: [] });
  });

  it("a call without a client fails with a message saying how to pass one", async () => {
    const { getProjects } = await import("@sciclients/data-manager-client/project");
    await expect(getProjects()).rejects.toThrow(/No data-manager client for getProjects: create one/);
  });
});
