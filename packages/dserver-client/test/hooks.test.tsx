// @vitest-environment jsdom
// dserver's React Query hooks under jsdom: a query for an s3:// URI, a
// mutation that refreshes it, and a page with its X-Pagination info.
import { createDserverClient, type DatasetEntry, fetchPage, isApiError, parseReadme, sortBy } from "@sciclients/dserver-client";
import { getListDatasetsQueryKey, useListDatasets } from "@sciclients/dserver-client/datasets";
import { listDatasets } from "@sciclients/dserver-client/functions";
import { getGetReadmeQueryKey, useGetReadme, usePutReadme } from "@sciclients/dserver-client/readmes";
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { act, configure, renderHook, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import type { ReactNode } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, datasets, pageOf, README_DATA, README_TEXT, S3_URI, UUID } from "./fixtures.js";

// waitFor gives up after 1 s by default; the first request of a file loads the
// request pipeline's chunk (a dynamic import vitest transforms on first use), which
// took over 1 s when CI tests every package at once on two cores. A ceiling, not a speed check.
configure({ asyncUtilTimeout: 10_000 });

const dserver = createDserverClient({ baseURL: BASE_URL });
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

function setup() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
  return { queryClient, wrapper };
}

const ENCODED = `s3%3A%2F%2Fbucket%2F${UUID}`;

describe("dserver hooks", () => {
  it("useGetReadme fetches the README of an s3:// dataset under a dserver query key", async () => {
    server.use(http.get(`${BASE_URL}/readmes/:uri`, () => HttpResponse.json({ readme: README_TEXT })));
    const { wrapper } = setup();
    const { result } = renderHook(
      () => useGetReadme(S3_URI, { request: { client: dserver }, query: { select: (r) => parseReadme(r.readme ?? "") } }),
      {
        wrapper,
      },
    );
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.data).toEqual(README_DATA);
    expect(result.current.queryKey).toEqual(["dserver", BASE_URL, "readmes", S3_URI]);
    expect(seen).toEqual([`GET ${BASE_URL}/readmes/${ENCODED}`]);
  });

  it("a failed query gives a typed ApiError with dserver's error body", async () => {
    server.use(http.get(`${BASE_URL}/readmes/:uri`, () => HttpResponse.json({ msg: "Token has expired" }, { status: 401 })));
    const { wrapper } = setup();
    const { result } = renderHook(() => useGetReadme(S3_URI, { request: { client: dserver } }), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    const error = result.current.error;
    expect(isApiError(error)).toBe(true);
    if (!isApiError(error)) throw new Error("expected an ApiError");
    expect(error?.status).toBe(401);
    expect(error?.body).toEqual({ msg: "Token has expired" });
  });

  it("usePutReadme stores the README and refreshes the README query", async () => {
    let stored = README_TEXT;
    let puts: unknown[] = [];
    server.use(
      http.get(`${BASE_URL}/readmes/:uri`, () => HttpResponse.json({ readme: stored })),
      http.put(`${BASE_URL}/readmes/:uri`, async ({ request }) => {
        const body = (await request.json()) as { readme: string };
        puts = [...puts, body];
        stored = body.readme;
        return HttpResponse.json(body);
      }),
    );
    const { wrapper, queryClient } = setup();
    queryClient.setQueryData(getListDatasetsQueryKey(undefined, { client: dserver }), []);
    const { result } = renderHook(
      () => ({ readme: useGetReadme(S3_URI, { request: { client: dserver } }), save: usePutReadme({ request: { client: dserver } }) }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.readme.data?.readme).toBe(README_TEXT));
    const updated = "---\ndescription: updated\n";
    await act(() => result.current.save.mutateAsync({ uri: S3_URI, data: { readme: updated } }));
    expect(puts).toEqual([{ readme: updated }]);
    await waitFor(() => expect(result.current.readme.data?.readme).toBe(updated));
    expect(seen).toEqual([
      `GET ${BASE_URL}/readmes/${ENCODED}`,
      `PUT ${BASE_URL}/readmes/${ENCODED}`,
      `GET ${BASE_URL}/readmes/${ENCODED}`,
    ]);
    // Queries of another resource are left alone.
    expect(queryClient.getQueryState(getListDatasetsQueryKey(undefined, { client: dserver }))?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(getGetReadmeQueryKey(S3_URI, { client: dserver }))?.isInvalidated).toBe(false);
  });

  it("useListDatasets sends one sort value with a %2B for a leading +", async () => {
    const all = datasets(3);
    server.use(http.get(`${BASE_URL}/uris`, () => HttpResponse.json(all)));
    const { wrapper } = setup();
    const params = { sort: sortBy(["+name", "-frozen_at"]) };
    const { result } = renderHook(() => useListDatasets(params, { request: { client: dserver } }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toEqual(all);
    expect(seen).toEqual([`GET ${BASE_URL}/uris?sort=%2Bname,-frozen_at`]);
  });

  it("useQuery with fetchPage shows a page and its total from X-Pagination", async () => {
    const all = datasets(25);
    server.use(
      http.get(`${BASE_URL}/uris`, ({ request }) => {
        const { items, header } = pageOf(all, new URL(request.url));
        return HttpResponse.json(items, { headers: { "X-Pagination": header } });
      }),
    );
    const { wrapper } = setup();
    const { result } = renderHook(
      () =>
        useQuery({
          queryKey: ["dserver", "uris", "page", 2],
          queryFn: ({ signal }) => fetchPage(listDatasets, [{ page: 2 }], { client: dserver, pageSize: 10, signal }),
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    const items: DatasetEntry[] = result.current.data?.items ?? [];
    expect(items.map((d) => d.name)).toEqual(all.slice(10, 20).map((d) => d.name));
    expect(result.current.data?.info).toMatchObject({ total: 25, totalPages: 3, page: 2, nextPage: 3, previousPage: 1 });
  });
});
