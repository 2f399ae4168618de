// Dataiku DSS from the command line: the bin as a subprocess against the
// client's MSW faker handlers on a loopback port (one server for the file).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getAllMockHandlers, getListProjectsMockHandler, getUploadDatasetFileMockHandler } from "@sciclients/dss-client/mocks";
import { HttpResponse, http } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../helpers/mock-server.js";
import { runBin } from "../helpers/run-bin.js";

const KEY = "dss-key-never-printed";
let server: MockServer;
let env: Record<string, string>;
let api = "";

beforeAll(async () => {
  server = await startMockServer((origin) => getAllMockHandlers({ baseURL: `${origin}/public/api` }));
  api = `${server.origin}/public/api`;
  env = { DSS_HOST: server.origin, DSS_API_KEY: KEY };
});
beforeEach(() => server.reset());
afterAll(() => server.close());

describe("sciclients dss", () => {
  it("lists projects with the API key as basic credentials (GET /projects/)", async () => {
    server.use(getListProjectsMockHandler([{ projectKey: "ALPHA", name: "Alpha" }] as never, { baseURL: api }));
    const { code, stdout } = await runBin(["dss", "list-projects", "--include-location", "true"], env);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([{ projectKey: "ALPHA", name: "Alpha" }]);
    expect(server.seen[0]?.url).toBe("/public/api/projects/?includeLocation=true");
    expect(server.seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`${KEY}:`).toString("base64")}`);
  });

  it("reads a project from the faker handlers (GET /projects/{key})", async () => {
    const { code, stdout } = await runBin(["dss", "get-project", "--project-key", "ALPHA"], env);
    expect(code).toBe(0);
    expect(typeof JSON.parse(stdout)).toBe("object");
    expect(server.seen[0]?.url).toBe("/public/api/projects/ALPHA");
  });

  it("uploads a file to an uploaded-files dataset as multipart", async () => {
    let received: FormData | undefined;
    server.use(
      getUploadDatasetFileMockHandler(
        async ({ request }) => {
          received = await request.formData();
        },
        { baseURL: api },
      ),
    );
    const file = join(mkdtempSync(join(tmpdir(), "sciclients-dss-")), "rows.csv");
    writeFileSync(file, "a,b\n1,2\n");
    const { code, stderr } = await runBin(
      ["dss", "upload-dataset-file", "--project-key", "ALPHA", "--dataset-name", "rows", "--file", file],
      env,
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const sent = received?.get("file") as File;
    expect(sent.name).toBe("rows.csv");
    expect(await sent.text()).toBe("a,b\n1,2\n");
  });

  it("downloads a managed folder's file to --out, bytes as sent", async () => {
    const bytes = new Uint8Array([137, 80, 78, 71, 0, 255]);
    server.use(
      http.get(`${api}/projects/:projectKey/managedfolders/:folderId/contents/:path`, () =>
        HttpResponse.arrayBuffer(bytes.buffer, { headers: { "content-type": "application/octet-stream" } }),
      ),
    );
    const out = join(mkdtempSync(join(tmpdir(), "sciclients-dss-")), "plot.png");
    const { code } = await runBin(
      ["dss", "download-managed-folder-file", "--project-key", "ALPHA", "--folder-id", "f1", "--path", "plots/plot.png", "--out", out],
      env,
    );
    expect(code).toBe(0);
    expect([...readFileSync(out)]).toEqual([...bytes]);
    expect(server.seen[0]?.url).toBe("/public/api/projects/ALPHA/managedfolders/f1/contents/plots%2Fplot.png");
  });

  it("names the service, status and message of a DSS error without the key, exit 1", async () => {
    server.use(
      http.get(`${api}/projects/:projectKey`, () =>
        HttpResponse.json({ errorType: "com.dataiku.dip.exceptions.UnauthorizedException", message: "no such project" }, { status: 404 }),
      ),
    );
    const { code, stderr, stdout } = await runBin(["dss", "get-project", "--project-key", "NOPE"], env);
    expect(code).toBe(1);
    expect(stderr).toContain("dss answered 404");
    expect(stderr).toContain("no such project");
    expect(stderr + stdout).not.toContain(KEY);
  });

  it("refuses --all-pages: DSS does not page", async () => {
    const { code, stderr } = await runBin(["dss", "list-projects", "--all-pages"], env);
    expect(code).toBe(2);
    expect(stderr).toContain("dss has no paged operations");
  });
});
