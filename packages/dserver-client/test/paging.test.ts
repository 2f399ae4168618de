// Paths, sort values and paging as they reach a dserver on MSW: the raw URL
// of each request is recorded, so percent-encoding is checked as sent.
import {
  createDserverClient,
  type DatasetEntry,
  fetchAll,
  fetchPage,
  HeaderFormatError,
  isApiError,
  paginate,
  paginatePages,
  sortBy,
} from "@sciclients/dserver-client";
import { getDatasetByUri, getDatasetsByUuid, listDatasets, searchDatasets } from "@sciclients/dserver-client/datasets";
import { getManifest } from "@sciclients/dserver-client/manifests";
import { mongoAggregate } from "@sciclients/dserver-client/mongo";
import { listUsers } from "@sciclients/dserver-client/users";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, dataset, datasets, manifest, pageOf, S3_URI, UUID } from "./fixtures.js";

const client = createDserverClient({ baseURL: BASE_URL });
const server = setupServer();
let seen: string[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  server.events.on("request:start", ({ request }) => {
    seen.push(request.url);
  });
});
afterEach(() => {
  server.resetHandlers();
  seen = [];
});
afterAll(() => server.close());

/** Serves `all` from GET /uris, paged by the request's page and page_size, with X-Pagination. */
function serveList(all: readonly DatasetEntry[]) {
  server.use(
    http.get(`${BASE_URL}/uris`, ({ request }) => {
      const { items, header } = pageOf(all, new URL(request.url));
      return HttpResponse.json(items, { headers: { "X-Pagination": header } });
    }),
  );
}

const pagesAsked = () => seen.map((url) => new URL(url).searchParams.get("page"));

describe("URIs in paths", () => {
  it("s3://bucket/<uuid> goes out as one percent-encoded path segment", async () => {
    let param: string | undefined;
    server.use(
      http.get(`${BASE_URL}/uris/:uri`, ({ params }) => {
        param = params.uri as string;
        return HttpResponse.json(dataset({ uri: S3_URI, base_uri: "s3://bucket" }));
      }),
    );
    const entry = await getDatasetByUri(S3_URI, { client });
    expect(entry.uri).toBe(S3_URI);
    expect(seen).toEqual([`${BASE_URL}/uris/s3%3A%2F%2Fbucket%2F${UUID}`]);
    expect(decodeURIComponent(param ?? "")).toBe(S3_URI);
  });

  it("the manifest of an s3 dataset is asked for under the encoded URI", async () => {
    server.use(http.get(`${BASE_URL}/manifests/:uri`, () => HttpResponse.json(manifest)));
    await expect(getManifest(S3_URI, { client })).resolves.toEqual(manifest);
    expect(seen).toEqual([`${BASE_URL}/manifests/s3%3A%2F%2Fbucket%2F${UUID}`]);
  });
});

describe("sort", () => {
  it("a leading + reaches the server as %2B, the comma as one value", async () => {
    serveList(datasets(2));
    await listDatasets({ sort: sortBy(["+uri", "-name"]) }, { client });
    const raw = seen[0] ?? "";
    expect(raw).toBe(`${BASE_URL}/uris?sort=%2Buri,-name`);
    // What the server reads back: one value, plus sign intact (not a space).
    expect(new URL(raw).searchParams.getAll("sort")).toEqual(["+uri,-name"]);
  });

  it("the object form gives the same single sort parameter", async () => {
    server.use(http.get(`${BASE_URL}/users`, () => HttpResponse.json([])));
    await listUsers({ sort: sortBy({ is_admin: "desc", username: "asc" }) }, { client });
    expect(new URL(seen[0] ?? "").search).toBe("?sort=-is_admin,username");
  });
});

describe("paginate", () => {
  it("walks every page and stops at the last one (no next_page)", async () => {
    serveList(datasets(25));
    const names: string[] = [];
    for await (const entry of paginate(listDatasets, [{ free_text: "ds" }], { client, pageSize: 10 })) names.push(entry.name);
    expect(names).toHaveLength(25);
    expect(names[0]).toBe("ds-001");
    expect(names[24]).toBe("ds-025");
    expect(pagesAsked()).toEqual(["1", "2", "3"]);
    // The other query parameters go out on every page.
    for (const url of seen) expect(new URL(url).searchParams.get("free_text")).toBe("ds");
  });

  it("asks for 100 entries per page by default", async () => {
    serveList(datasets(150));
    const all = await fetchAll(listDatasets, [undefined], { client });
    expect(all).toHaveLength(150);
    expect(seen.map((url) => new URL(url).searchParams.get("page_size"))).toEqual(["100", "100"]);
  });

  it("a last page that is full still ends the walk (no extra request)", async () => {
    serveList(datasets(20));
    const pages: number[] = [];
    for await (const page of paginatePages(listDatasets, [{}], { client, pageSize: 10 })) {
      pages.push(page.page);
      expect(page.items).toHaveLength(10);
      expect(page.info?.total).toBe(20);
    }
    expect(pages).toEqual([1, 2]);
    expect(seen).toHaveLength(2);
  });

  it("stops on an empty page even when the header promises more", async () => {
    server.use(
      http.get(`${BASE_URL}/uris`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get("page"));
        const items = page === 1 ? datasets(2) : [];
        return HttpResponse.json(items, {
          headers: { "X-Pagination": JSON.stringify({ total: 9, total_pages: 5, page, next_page: page + 1 }) },
        });
      }),
    );
    const all = await fetchAll(listDatasets, [{}], { client, pageSize: 2 });
    expect(all.map((d) => d.name)).toEqual(["ds-001", "ds-002"]);
    expect(pagesAsked()).toEqual(["1", "2"]);
  });

  it("an empty first page yields nothing", async () => {
    serveList([]);
    const pages = [];
    for await (const page of paginatePages(listDatasets, [{}], { client })) pages.push(page);
    expect(pages).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it("without X-Pagination it stops after a short page", async () => {
    const all = datasets(7);
    server.use(
      http.get(`${BASE_URL}/uris`, ({ request }) => {
        const { items } = pageOf(all, new URL(request.url));
        return HttpResponse.json(items);
      }),
    );
    const found = await fetchAll(listDatasets, [{}], { client, pageSize: 3 });
    expect(found.map((d) => d.name)).toEqual(all.map((d) => d.name));
    expect(pagesAsked()).toEqual(["1", "2", "3"]);
  });

  it("starts at the page given in the parameters", async () => {
    serveList(datasets(30));
    const all = await fetchAll(listDatasets, [{ page: 2, page_size: 10 }], { client });
    expect(all.map((d) => d.name)).toEqual(
      datasets(30)
        .slice(10)
        .map((d) => d.name),
    );
    expect(pagesAsked()).toEqual(["2", "3"]);
  });

  it("a header with only total and total_pages is walked to total_pages", async () => {
    const all = datasets(5);
    server.use(
      http.get(`${BASE_URL}/uris`, ({ request }) => {
        const { items } = pageOf(all, new URL(request.url));
        return HttpResponse.json(items, { headers: { "X-Pagination": '{"total": 5, "total_pages": 3}' } });
      }),
    );
    const found = await fetchAll(listDatasets, [{}], { client, pageSize: 2 });
    expect(found.map((d) => d.name)).toEqual(all.map((d) => d.name));
    expect(pagesAsked()).toEqual(["1", "2", "3"]);
  });

  it("a next_page that does not move forward ends the walk instead of looping", async () => {
    server.use(
      http.get(`${BASE_URL}/uris`, () =>
        HttpResponse.json(datasets(1), { headers: { "X-Pagination": '{"total": 5, "total_pages": 5, "page": 1, "next_page": 1}' } }),
      ),
    );
    expect(await fetchAll(listDatasets, [{}], { client, pageSize: 1 })).toHaveLength(1);
    expect(seen).toHaveLength(1);
  });

  it("keeps the body and path parameters of other paginated operations on every page", async () => {
    const bodies: unknown[] = [];
    const all = datasets(5);
    server.use(
      http.post(`${BASE_URL}/uris`, async ({ request }) => {
        bodies.push(await request.json());
        const { items, header } = pageOf(all, new URL(request.url));
        return HttpResponse.json(items, { headers: { "X-Pagination": header } });
      }),
      http.get(`${BASE_URL}/uuids/:uuid`, ({ request }) => {
        const { items, header } = pageOf(all.slice(0, 3), new URL(request.url));
        return HttpResponse.json(items, { headers: { "X-Pagination": header } });
      }),
    );
    const found = await fetchAll(searchDatasets, [{ free_text: "test", tags: ["raw"] }, { sort: "-name" }], { client, pageSize: 2 });
    expect(found).toHaveLength(5);
    expect(bodies).toEqual([1, 2, 3].map(() => ({ free_text: "test", tags: ["raw"] })));
    expect(seen.map((url) => new URL(url).search)).toEqual([
      "?sort=-name&page=1&page_size=2",
      "?sort=-name&page=2&page_size=2",
      "?sort=-name&page=3&page_size=2",
    ]);
    seen = [];
    const copies = await fetchAll(getDatasetsByUuid, [UUID, undefined], { client, pageSize: 2 });
    expect(copies).toHaveLength(3);
    expect(seen.map((url) => new URL(url).pathname)).toEqual([`/api/uuids/${UUID}`, `/api/uuids/${UUID}`]);
  });

  it("infers the entry type of other operations (mongo aggregation answers, dataset records)", async () => {
    const newest = datasets(2);
    server.use(
      http.post(`${BASE_URL}/mongo/aggregate`, () =>
        HttpResponse.json(newest, { headers: { "X-Pagination": '{"total": 2, "total_pages": 1, "page": 1}' } }),
      ),
    );
    const pipeline = [{ $match: { creator_username: "jotelha" } }, { $sort: { frozen_at: -1 } }];
    const found = await fetchAll(mongoAggregate, [{ aggregation: pipeline }, {}], { client });
    const first: DatasetEntry | undefined = found[0];
    expect(first).toEqual(newest[0]);
    expect(found).toHaveLength(2);
  });

  it("a malformed X-Pagination header fails the walk with an error naming the header", async () => {
    server.use(http.get(`${BASE_URL}/uris`, () => HttpResponse.json(datasets(1), { headers: { "X-Pagination": "page=1" } })));
    const walk = fetchAll(listDatasets, [{}], { client });
    await expect(walk).rejects.toBeInstanceOf(HeaderFormatError);
    await expect(walk).rejects.toThrow(/X-Pagination response header is not valid JSON: "page=1"/);
  });

  it("refuses page sizes dserver does not allow, before any request", async () => {
    await expect(fetchAll(listDatasets, [{}], { client, pageSize: 101 })).rejects.toThrow(/from 1 to 100 \(got 101\)/);
    await expect(fetchAll(listDatasets, [{ page_size: 0 }], { client })).rejects.toThrow(RangeError);
    expect(seen).toEqual([]);
  });

  it("server errors come through as ApiError", async () => {
    server.use(http.get(`${BASE_URL}/uris`, () => HttpResponse.json({ msg: "Token has expired" }, { status: 401 })));
    const error = await fetchAll(listDatasets, [{}], { client }).catch((e: unknown) => e);
    expect(isApiError(error) && error.status).toBe(401);
    expect(isApiError(error) && error.message).toContain("Token has expired");
  });
});

describe("fetchPage", () => {
  it("gives one page with its page info and still calls the caller's onResponse", async () => {
    serveList(datasets(25));
    const statuses: number[] = [];
    const page = await fetchPage(listDatasets, [{ page: 3 }], { client, pageSize: 10, onResponse: ({ status }) => statuses.push(status) });
    expect(page.page).toBe(3);
    expect(page.items.map((d) => d.name)).toEqual(["ds-021", "ds-022", "ds-023", "ds-024", "ds-025"]);
    expect(page.info).toEqual({ total: 25, totalPages: 3, firstPage: 1, lastPage: 3, page: 3, previousPage: 2, nextPage: undefined });
    expect(statuses).toEqual([200]);
  });

  it("leaves the page size to the server unless one is given", async () => {
    serveList(datasets(3));
    const page = await fetchPage(listDatasets, [undefined], { client });
    expect(page.items).toHaveLength(3);
    expect(new URL(seen[0] ?? "").searchParams.has("page_size")).toBe(false);
  });
});
