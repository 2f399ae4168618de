// @vitest-environment jsdom
// dserver's infinite queries against a dserver on MSW that pages like
// flask-smorest: the next page comes from X-Pagination, GET lists and POST
// searches alike, and the pages survive dehydrate/hydrate.
import { createDserverClient, type DatasetEntry } from "@sciclients/dserver-client";
import {
  getListDatasetsInfiniteQueryKey,
  prefetchListDatasetsInfiniteQuery,
  useListDatasetsInfinite,
  useSearchDatasetsInfinite,
} from "@sciclients/dserver-client/datasets";
import { SciclientsProvider } from "@sciclients/dserver-client/react";
import { dehydrate, HydrationBoundary, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, configure, renderHook, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import type { ReactNode } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, datasets, pageOf } from "./fixtures.js";

// waitFor gives up after 1 s by default; the first request of a file loads the
// request pipeline's chunk (a dynamic import vitest transforms on first use), which
// took over 1 s when CI tests every package at once on two cores. A ceiling, not a speed check.
configure({ asyncUtilTimeout: 10_000 });

const dserver = createDserverClient({ baseURL: BASE_URL });
const server = setupServer();
let seen: URL[] = [];
beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  server.events.on("request:start", ({ request }) => {
    seen.push(new URL(request.url));
  });
});
afterEach(() => {
  server.resetHandlers();
  seen = [];
});
afterAll(() => server.close());

const pagesAsked = () => seen.map((url) => url.searchParams.get("page"));

/** GET and POST /uris over `all`, paged with X-Pagination (or without it, when `header` is false); gives the POST bodies received. */
function serveDatasets(all: readonly DatasetEntry[], { header = true } = {}): unknown[] {
  const bodies: unknown[] = [];
  const answer = (request: Request) => {
    const page = pageOf(all, new URL(request.url));
    return HttpResponse.json(page.items, header ? { headers: { "X-Pagination": page.header } } : {});
  };
  server.use(
    http.get(`${BASE_URL}/uris`, ({ request }) => answer(request)),
    http.post(`${BASE_URL}/uris`, async ({ request }) => {
      bodies.push(await request.clone().json());
      return answer(request);
    }),
  );
  return bodies;
}

function setup(queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <SciclientsProvider clients={[dserver]}>{children}</SciclientsProvider>
    </QueryClientProvider>
  );
  return { queryClient, wrapper };
}

/**
 * Fetches the next page and waits until the hook shows `count` pages. React
 * Query re-renders for the result fields read so far, so tests read `data` first.
 */
async function fetchNext(result: { current: { fetchNextPage: () => Promise<unknown>; data?: { pages: unknown[] } } }, count: number) {
  await act(() => result.current.fetchNextPage());
  await waitFor(() => expect(result.current.data?.pages).toHaveLength(count));
}

describe("useListDatasetsInfinite", () => {
  it("fetches the next page X-Pagination names, and stops after the last", async () => {
    serveDatasets(datasets(25));
    const { wrapper } = setup();
    const { result } = renderHook(() => useListDatasetsInfinite({ page_size: 10 }), { wrapper });
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(1));
    expect(result.current.queryKey).toEqual(["dserver", BASE_URL, "uris", { page_size: 10 }, "infinite"]);
    expect(result.current.hasNextPage).toBe(true);
    await fetchNext(result, 2);
    expect(result.current.hasNextPage).toBe(true);
    await fetchNext(result, 3);
    const pages = result.current.data?.pages ?? [];
    expect(pages.map((p) => [p.page, p.items.length])).toEqual([
      [1, 10],
      [2, 10],
      [3, 5],
    ]);
    expect(pages[2]?.info).toMatchObject({ total: 25, page: 3, nextPage: undefined });
    expect(result.current.hasNextPage).toBe(false);
    expect(pages.flatMap((p) => p.items.map((d) => d.name)).at(-1)).toBe("ds-025");
    expect(pagesAsked()).toEqual(["1", "2", "3"]);
    expect(seen.every((url) => url.searchParams.get("page_size") === "10")).toBe(true);
  });

  it("starts at the page the parameters name", async () => {
    serveDatasets(datasets(25));
    const { wrapper } = setup();
    const { result } = renderHook(() => useListDatasetsInfinite({ page: 2, page_size: 10 }), { wrapper });
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(1));
    await fetchNext(result, 2);
    expect(result.current.data?.pageParams).toEqual([2, 3]);
    expect(result.current.hasNextPage).toBe(false);
    expect(pagesAsked()).toEqual(["2", "3"]);
  });

  it("without X-Pagination, stops after a page shorter than the page size", async () => {
    serveDatasets(datasets(12), { header: false });
    const { wrapper } = setup();
    const { result } = renderHook(() => useListDatasetsInfinite({ page_size: 10 }), { wrapper });
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(1));
    await fetchNext(result, 2);
    expect(result.current.data?.pages.map((p) => p.items.length)).toEqual([10, 2]);
    expect(result.current.hasNextPage).toBe(false);
  });
});

describe("useSearchDatasetsInfinite", () => {
  it("sends the same search body for every page", async () => {
    const bodies = serveDatasets(datasets(15));
    const { wrapper } = setup();
    const query = { base_uris: ["s3://bucket"], tags: ["raw"] };
    const { result } = renderHook(() => useSearchDatasetsInfinite(query, { page_size: 10 }), { wrapper });
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(1));
    expect(result.current.queryKey).toEqual(["dserver", BASE_URL, "uris", { page_size: 10 }, query, "infinite"]);
    await fetchNext(result, 2);
    expect(result.current.data?.pages.map((p) => p.items.length)).toEqual([10, 5]);
    expect(result.current.hasNextPage).toBe(false);
    expect(pagesAsked()).toEqual(["1", "2"]);
    expect(bodies).toEqual([query, query]);
  });
});

describe("prefetchListDatasetsInfiniteQuery", () => {
  it("prefetches the first page on the server; after dehydrate and hydrate, the next page follows on", async () => {
    serveDatasets(datasets(15));
    const serverQueryClient = new QueryClient();
    await prefetchListDatasetsInfiniteQuery(serverQueryClient, { page_size: 10 }, { request: { client: dserver } });
    expect(pagesAsked()).toEqual(["1"]);
    const state = JSON.parse(JSON.stringify(dehydrate(serverQueryClient)));

    const browserQueryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, retry: false } } });
    const { wrapper: providers } = setup(browserQueryClient);
    const wrapper = ({ children }: { children: ReactNode }) =>
      providers({ children: <HydrationBoundary state={state}>{children}</HydrationBoundary> });
    const { result } = renderHook(() => useListDatasetsInfinite({ page_size: 10 }), { wrapper });
    expect(result.current.data?.pages.map((p) => p.page)).toEqual([1]);
    expect(result.current.hasNextPage).toBe(true);
    await fetchNext(result, 2);
    expect(result.current.data?.pages.map((p) => p.items.length)).toEqual([10, 5]);
    expect(pagesAsked()).toEqual(["1", "2"]);
    expect(browserQueryClient.getQueryData(getListDatasetsInfiniteQueryKey({ page_size: 10 }, { client: dserver }))).toBeDefined();
  });
});
