// @vitest-environment jsdom
// DSS React Query hooks rendered with @testing-library/react under jsdom,
// against MSW handlers from the package's own ./mocks entry.
import { ApiError, createDssClient, type DssProjectSummary } from "@sciclients/dss-client";
import { getDeleteProjectMockHandler, getListProjectsMockHandler, getListProjectsResponseMock } from "@sciclients/dss-client/mocks";
import {
  getGetProjectQueryKey,
  getListProjectsQueryKey,
  useDeleteProject,
  useGetProject,
  useListProjects,
} from "@sciclients/dss-client/projects";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, configure, render, renderHook, screen, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import type { ReactNode } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

// waitFor gives up after 1 s by default; a CI run that tests every package at once
// on two cores took 1.1-2 s for the first answers here. A ceiling, not a speed check.
configure({ asyncUtilTimeout: 10_000 });

const dss = createDssClient({ baseURL: "https://dss.test/public/api" });
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
  return { queryClient, wrapper };
}

function ProjectList() {
  const { data, error, isPending } = useListProjects(undefined, { request: { client: dss } });
  if (isPending) return <p>Loading…</p>;
  if (error) return <p>{error.message}</p>;
  return (
    <ul>
      {data.map((p) => (
        <li key={p.projectKey}>{p.name ?? p.projectKey}</li>
      ))}
    </ul>
  );
}

describe("DSS hooks", () => {
  it("useListProjects returns the typed projects under a key of the service and the deployment", async () => {
    const body = getListProjectsResponseMock();
    server.use(getListProjectsMockHandler(body));
    const { wrapper } = setup();
    const { result } = renderHook(() => useListProjects(undefined, { request: { client: dss } }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toEqual(body);
    expect(result.current.queryKey).toEqual(["dss", "https://dss.test/public/api", "projects"]);
  });

  it("renders the projects in a component", async () => {
    server.use(getListProjectsMockHandler([{ projectKey: "SALES", name: "Sales analytics" }, { projectKey: "HR" }]));
    const { wrapper } = setup();
    render(<ProjectList />, { wrapper });
    expect(screen.getByText("Loading…")).toBeTruthy();
    expect(await screen.findByText("Sales analytics")).toBeTruthy();
    expect(screen.getByText("HR")).toBeTruthy();
  });

  it("a failed query gives a typed ApiError with DSS's errorType as code", async () => {
    server.use(
      http.get("*/projects/:projectKey", () =>
        HttpResponse.json(
          { errorType: "com.dataiku.dip.exceptions.UnknownObjectException", message: "Project NOPE does not exist" },
          { status: 404 },
        ),
      ),
    );
    const { wrapper } = setup();
    const { result } = renderHook(() => useGetProject("NOPE", { request: { client: dss } }), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    const error = result.current.error;
    expect(error).toBeInstanceOf(ApiError);
    if (!(error instanceof ApiError)) throw new Error("expected an ApiError");
    expect(error?.status).toBe(404);
    expect(error?.service).toBe("dss");
    expect(error?.code).toBe("com.dataiku.dip.exceptions.UnknownObjectException");
    expect(error?.message).toContain("Project NOPE does not exist");
    expect(error?.url).toBe("https://dss.test/public/api/projects/NOPE");
  });

  it("useDeleteProject sends the DELETE and refreshes the project queries", async () => {
    const projects: DssProjectSummary[] = [{ projectKey: "SALES" }, { projectKey: "OLD" }];
    let listCalls = 0;
    const deleted: string[] = [];
    server.use(
      http.get("*/projects/", () => {
        listCalls += 1;
        return HttpResponse.json(projects.filter((p) => !deleted.includes(p.projectKey)));
      }),
      getDeleteProjectMockHandler(({ request, params }) => {
        expect(new URL(request.url).searchParams.get("clearManagedDatasets")).toBe("true");
        deleted.push(String(params.projectKey));
      }),
    );
    const { wrapper, queryClient } = setup();
    const { result } = renderHook(
      () => ({ list: useListProjects(undefined, { request: { client: dss } }), remove: useDeleteProject({ request: { client: dss } }) }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    expect(result.current.list.data?.map((p) => p.projectKey)).toEqual(["SALES", "OLD"]);
    // A query of another service stays as it is.
    queryClient.setQueryData(["dserver", "datasets"], { untouched: true });

    await act(() => result.current.remove.mutateAsync({ projectKey: "OLD", params: { clearManagedDatasets: true } }));
    expect(deleted).toEqual(["OLD"]);
    await waitFor(() => expect(result.current.list.data?.map((p) => p.projectKey)).toEqual(["SALES"]));
    expect(listCalls).toBe(2);
    expect(queryClient.getQueryState(["dserver", "datasets"])?.isInvalidated).toBe(false);
    expect(getGetProjectQueryKey("OLD", { client: dss }).slice(0, 3)).toEqual(getListProjectsQueryKey(undefined, { client: dss }));
  });
});
