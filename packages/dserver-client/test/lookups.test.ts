// The one-call lookups of the dtool_lookup_api examples, against MSW with the
// examples' own dataset: what each sends and what it gives back.
import {
  createDserverClient,
  type DatasetSummary,
  getAllDatasets,
  getDatasetsByUuid,
  getManifest,
  getReadme,
  getSummary,
  isApiError,
  queryDatasets,
  searchDatasets,
} from "@sciclients/dserver-client";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, dataset, datasets, manifest, pageOf, README_DATA, README_TEXT, S3_URI, SMB_URI, UUID } from "./fixtures.js";

const client = createDserverClient({ baseURL: BASE_URL });
const server = setupServer();
let seen: { method: string; url: string; body: Promise<unknown> }[] = [];
const bodies = () => Promise.all(seen.map((r) => r.body));

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  server.events.on("request:start", ({ request }) => {
    const body = request
      .clone()
      .text()
      .then((text) => (text === "" ? undefined : JSON.parse(text)));
    seen.push({ method: request.method, url: request.url, body });
  });
});
afterEach(() => {
  server.resetHandlers();
  seen = [];
});
afterAll(() => server.close());

const paged =
  (all: readonly unknown[]) =>
  ({ request }: { request: Request }) => {
    const { items, header } = pageOf(all, new URL(request.url));
    return HttpResponse.json(items, { headers: { "X-Pagination": header } });
  };

describe("one-call lookups", () => {
  it("getAllDatasets lists every dataset across pages", async () => {
    const all = [dataset(), ...datasets(120)];
    server.use(http.get(`${BASE_URL}/uris`, paged(all)));
    const found = await getAllDatasets(client);
    expect(found).toHaveLength(121);
    expect(found[0]).toEqual(dataset());
    expect(seen.map((r) => `${r.method} ${new URL(r.url).search}`)).toEqual(["GET ?page=1&page_size=100", "GET ?page=2&page_size=100"]);
  });

  it("getAllDatasets sends a sort order and page size when asked", async () => {
    server.use(http.get(`${BASE_URL}/uris`, paged(datasets(3))));
    await getAllDatasets(client, { sort: ["-frozen_at", "+name"], pageSize: 50 });
    expect(seen[0]?.url).toBe(`${BASE_URL}/uris?sort=-frozen_at,%2Bname&page=1&page_size=50`);
  });

  it("getDatasetsByUuid gives every registration of the UUID", async () => {
    const copies = [dataset(), dataset({ base_uri: "s3://bucket", uri: S3_URI })];
    server.use(
      http.get(`${BASE_URL}/uuids/:uuid`, ({ params, request }) =>
        params.uuid === UUID ? paged(copies)({ request }) : HttpResponse.json([]),
      ),
    );
    const found = await getDatasetsByUuid(client, UUID);
    expect(found.map((d) => d.uri)).toEqual([SMB_URI, S3_URI]);
    expect(new URL(seen[0]?.url ?? "").pathname).toBe(`/api/uuids/${UUID}`);
  });

  it("searchDatasets posts the free text as a search body", async () => {
    server.use(http.post(`${BASE_URL}/uris`, paged([dataset()])));
    const found = await searchDatasets(client, "test");
    expect(found).toEqual([dataset()]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe("POST");
    expect((await bodies())[0]).toEqual({ free_text: "test" });
  });

  it("searchDatasets takes a whole search query and a sort order", async () => {
    server.use(http.post(`${BASE_URL}/uris`, paged([dataset()])));
    await searchDatasets(client, { free_text: "test", base_uris: ["smb://test-share"], tags: ["raw"] }, { sort: { name: "desc" } });
    expect((await bodies())[0]).toEqual({ free_text: "test", base_uris: ["smb://test-share"], tags: ["raw"] });
    expect(new URL(seen[0]?.url ?? "").searchParams.get("sort")).toBe("-name");
  });

  it("getManifest fetches the manifest of an smb:// or s3:// URI", async () => {
    server.use(
      http.get(`${BASE_URL}/manifests/:uri`, ({ params }) =>
        [SMB_URI, S3_URI].includes(decodeURIComponent(params.uri as string))
          ? HttpResponse.json(manifest)
          : HttpResponse.json({ code: 404, status: "Not Found", message: "No such dataset" }, { status: 404 }),
      ),
    );
    const found = await getManifest(client, SMB_URI);
    expect(found.items?.eb58eb70ebcddf630feeea28834f5256c207edfd?.relpath).toBe("simple_text_file.txt");
    expect(found.hash_function).toBe("md5sum_hexdigest");
    await getManifest(client, S3_URI);
    expect(seen.map((r) => r.url)).toEqual([
      `${BASE_URL}/manifests/smb%3A%2F%2Ftest-share%2F${UUID}`,
      `${BASE_URL}/manifests/s3%3A%2F%2Fbucket%2F${UUID}`,
    ]);
  });

  it("getManifest of an unknown dataset fails with the server's 404 as ApiError", async () => {
    server.use(
      http.get(`${BASE_URL}/manifests/:uri`, () =>
        HttpResponse.json({ code: 404, status: "Not Found", message: "No such dataset" }, { status: 404 }),
      ),
    );
    const error = await getManifest(client, "s3://bucket/unknown").catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    expect(isApiError(error) && [error.status, error.service, error.message]).toEqual([
      404,
      "dserver",
      `dserver: GET ${BASE_URL}/manifests/s3%3A%2F%2Fbucket%2Funknown answered 404: No such dataset`,
    ]);
  });

  it("getReadme gives the README text and its YAML parsed", async () => {
    server.use(http.get(`${BASE_URL}/readmes/:uri`, () => HttpResponse.json({ readme: README_TEXT })));
    const { text, data, yamlError } = await getReadme<typeof README_DATA>(client, S3_URI);
    expect(text).toBe(README_TEXT);
    expect(data).toEqual(README_DATA);
    expect(data?.owners[0]?.name).toBe("Testing User");
    expect(yamlError).toBeUndefined();
    expect(seen[0]?.url).toBe(`${BASE_URL}/readmes/s3%3A%2F%2Fbucket%2F${UUID}`);
  });

  it("getReadme of a README that is not YAML keeps the text", async () => {
    server.use(http.get(`${BASE_URL}/readmes/:uri`, () => HttpResponse.json({ readme: "Notes: [draft\n" })));
    const readme = await getReadme(client, SMB_URI);
    expect(readme.text).toBe("Notes: [draft\n");
    expect(readme.data).toBeUndefined();
    expect(readme.yamlError).toBeInstanceOf(Error);
  });

  it("queryDatasets posts the mongo filter, with extra filters, over every page", async () => {
    const matches = [dataset({ created_at: "Sun, 08 Nov 2020 18:38:40 GMT" as unknown as number }), ...datasets(100)];
    server.use(http.post(`${BASE_URL}/mongo/query`, paged(matches)));
    const found = await queryDatasets(
      client,
      { base_uri: "smb://test-share", name: { $regex: "test" } },
      { filters: { creator_usernames: ["jotelha"] } },
    );
    expect(found).toHaveLength(101);
    expect(found[0]?.name).toBe("simple_test_dataset");
    expect(await bodies()).toEqual(
      [1, 2].map(() => ({ creator_usernames: ["jotelha"], query: { base_uri: "smb://test-share", name: { $regex: "test" } } })),
    );
    expect(seen.map((r) => new URL(r.url).search)).toEqual(["?page=1&page_size=100", "?page=2&page_size=100"]);
  });

  it("getSummary gives the caller's summary", async () => {
    const summary: DatasetSummary = {
      number_of_datasets: 1,
      total_size_in_bytes: 17,
      creator_usernames: ["jotelha"],
      base_uris: ["smb://test-share"],
      datasets_per_creator: { jotelha: 1 },
    };
    server.use(http.get(`${BASE_URL}/me/summary`, () => HttpResponse.json(summary)));
    await expect(getSummary(client)).resolves.toEqual(summary);
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${BASE_URL}/me/summary`]);
  });

  it("passes request options through (an aborted signal sends nothing)", async () => {
    server.use(http.get(`${BASE_URL}/me/summary`, () => HttpResponse.json({})));
    const controller = new AbortController();
    controller.abort();
    const error = await getSummary(client, { signal: controller.signal }).catch((e: unknown) => e);
    expect(isApiError(error) && error.code).toBe("ERR_CANCELED");
    expect(seen).toEqual([]);
  });
});
