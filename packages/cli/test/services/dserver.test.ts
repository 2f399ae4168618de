// dserver from the command line: the bin as a subprocess against the client's
// MSW faker handlers on a loopback port (one server for the file).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  getAllMockHandlers,
  getGetManifestMockHandler,
  getListDatasetsMockHandler,
  getRegisterDatasetMockHandler,
} from "@sciclients/dserver-client/mocks";
import { delay, HttpResponse, http } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../helpers/mock-server.js";
import { interruptBin, runBin } from "../helpers/run-bin.js";

const TOKEN = "dserver-token-never-printed";
let server: MockServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startMockServer((origin) => getAllMockHandlers({ baseURL: origin }));
  env = { DSERVER_URL: server.origin, DSERVER_TOKEN: TOKEN };
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const entry = (n: number) => ({
  uri: `s3://bucket/${n}`,
  name: `ds-${n}`,
  uuid: `uuid-${n}`,
  base_uri: "s3://bucket",
  creator_username: "ada",
});

describe("sciclients dserver", () => {
  it("follows X-Pagination over three pages with --all-pages", async () => {
    server.use(
      http.get(`${server.origin}/uris`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get("page") ?? 1);
        const pagination = { total: 5, total_pages: 3, first_page: 1, last_page: 3, page, ...(page < 3 ? { next_page: page + 1 } : {}) };
        const rows = page === 3 ? [entry(5)] : [entry(2 * page - 1), entry(2 * page)];
        return HttpResponse.json(rows, { headers: { "x-pagination": JSON.stringify(pagination) } });
      }),
    );
    const { code, stdout } = await runBin(["dserver", "list-datasets", "--page-size", "2", "--all-pages"], env);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((d: { name: string }) => d.name)).toEqual(["ds-1", "ds-2", "ds-3", "ds-4", "ds-5"]);
    expect(server.seen.map((r) => r.url)).toEqual(["/uris?page_size=2&page=1", "/uris?page_size=2&page=2", "/uris?page_size=2&page=3"]);
    expect(server.seen.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("prints one page as a table with --output table (faker entries)", async () => {
    server.use(getListDatasetsMockHandler([entry(1), entry(2)], { baseURL: server.origin }));
    const { code, stdout } = await runBin(["dserver", "list-datasets", "--output", "table"], env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/uri.*name/);
    expect(stdout).toContain("s3://bucket/2");
  });

  it("registers a dataset from a JSON file (PUT /uris/{uri}), the URI encoded as one path segment", async () => {
    let received: unknown;
    server.use(
      getRegisterDatasetMockHandler(
        async ({ request }) => {
          received = await request.json();
        },
        { baseURL: server.origin },
      ),
    );
    const file = join(mkdtempSync(join(tmpdir(), "sciclients-dserver-")), "dataset.json");
    writeFileSync(file, JSON.stringify({ ...entry(7), type: "dataset", creator_username: "ada", frozen_at: 1, created_at: 1 }));
    const { code, stderr } = await runBin(["dserver", "register-dataset", "--uri", "s3://bucket/7", "--body", `@${file}`], env);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(server.seen[0]?.url).toBe("/uris/s3%3A%2F%2Fbucket%2F7");
    expect(received).toMatchObject({ uri: "s3://bucket/7", name: "ds-7", creator_username: "ada" });
  });

  it("downloads a dataset's manifest to --out (GET /manifests/{uri})", async () => {
    const manifest = {
      dtoolcore_version: "3.18.2",
      hash_function: "md5sum_hexdigest",
      items: { abc: { relpath: "a.txt", size_in_bytes: 3 } },
    };
    server.use(getGetManifestMockHandler(manifest as never, { baseURL: server.origin }));
    const out = join(mkdtempSync(join(tmpdir(), "sciclients-dserver-")), "manifest.json");
    const { code, stdout } = await runBin(["dserver", "get-manifest", "--uri", "s3://bucket/7", "--out", out], env);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(manifest);
    expect(server.seen[0]?.url).toBe("/manifests/s3%3A%2F%2Fbucket%2F7");
  });

  it("reads the server's versions from the faker handlers (GET /config/versions)", async () => {
    const { code, stdout } = await runBin(["dserver", "get-server-versions"], env);
    expect(code).toBe(0);
    expect(typeof JSON.parse(stdout)).toBe("object");
    expect(server.seen[0]?.url).toBe("/config/versions");
  });

  it("Ctrl-C during a request cancels it and says the service may still carry it out, exit 130", async () => {
    server.use(
      http.put(`${server.origin}/uris/:uri`, async () => {
        await delay("infinite");
        return new HttpResponse(null, { status: 201 });
      }),
    );
    const { code, stderr } = await interruptBin(
      ["dserver", "register-dataset", "--uri", "s3://bucket/9", "--body", JSON.stringify({ ...entry(9), type: "dataset", frozen_at: 1 })],
      env,
      () => server.seen.length > 0,
    );
    expect(code).toBe(130);
    expect(stderr.trim().split("\n").at(-1)).toBe(
      "sciclients: interrupted: dserver register-dataset was cancelled before its answer arrived; the service may still carry it out",
    );
  });

  it("Ctrl-C ends a command that is not listening (reading a stdin that never ends) after a grace period, exit 130", async () => {
    const started = Date.now();
    const { code, stderr } = await interruptBin(
      ["dserver", "register-dataset", "--uri", "s3://bucket/10", "--body", "-"],
      env,
      () => Date.now() - started > 1500,
      { stdinOpen: true },
    );
    expect(code).toBe(130);
    expect(stderr.trim()).toBe("sciclients: interrupted");
    expect(server.seen).toEqual([]);
  });
});
