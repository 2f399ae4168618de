// The Account Server from the command line: the bin as a subprocess against the
// client's MSW faker handlers on a loopback port (one server for the file).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getAllMockHandlers, getCreateAssetMockHandler } from "@sciclients/account-server-client/mocks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type MockServer, startMockServer } from "../helpers/mock-server.js";
import { runBin } from "../helpers/run-bin.js";

const TOKEN = "as-token-never-printed";
let server: MockServer;
let env: Record<string, string>;
const api = (origin: string) => `${origin}/account-server-api`;

beforeAll(async () => {
  server = await startMockServer((origin) => getAllMockHandlers({ baseURL: api(origin) }));
  env = { SQUONK2_ASAPI_URL: api(server.origin), SQUONK2_TOKEN: TOKEN };
});
beforeEach(() => server.reset());
afterAll(() => server.close());

describe("sciclients account-server", () => {
  it("lists organisations with a query parameter and the token (GET /organisation)", async () => {
    const { code, stdout } = await runBin(["account-server", "get-organisations", "--name", "acme"], env);
    expect(code).toBe(0);
    expect(Array.isArray(JSON.parse(stdout).organisations)).toBe(true);
    expect(server.seen[0]?.url).toBe("/account-server-api/organisation?name=acme");
    expect(server.seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("prints units as YAML with --output yaml (GET /unit)", async () => {
    const { code, stdout } = await runBin(["account-server", "get-units", "--output", "yaml"], env);
    expect(code).toBe(0);
    expect(Array.isArray(parse(stdout).units)).toBe(true);
  });

  it("uploads an asset's content file as multipart (POST /asset)", async () => {
    let received: FormData | undefined;
    server.use(
      getCreateAssetMockHandler(
        async ({ request }) => {
          received = await request.formData();
          return { id: "asset-00000000-0000-0000-0000-000000000001" };
        },
        { baseURL: api(server.origin) },
      ),
    );
    const file = join(mkdtempSync(join(tmpdir(), "sciclients-as-")), "licence.txt");
    writeFileSync(file, "licence-key-42");
    const { code, stdout } = await runBin(
      ["account-server", "create-asset", "--name", "licence", "--scope", "USER", "--secret", "false", "--content-file", file],
      env,
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).id).toBe("asset-00000000-0000-0000-0000-000000000001");
    const content = received?.get("content_file") as File;
    expect(content.name).toBe("licence.txt");
    expect(await content.text()).toBe("licence-key-42");
    expect(received?.get("scope")).toBe("USER");
  });

  it("writes an asset to --out instead of stdout (GET /asset/{id})", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "sciclients-as-")), "asset.json");
    const { code, stdout } = await runBin(["account-server", "get-specific-asset", "--asset-id", "asset-1", "--out", out], env);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(typeof JSON.parse(readFileSync(out, "utf8"))).toBe("object");
    expect(server.seen[0]?.url).toBe("/account-server-api/asset/asset-1");
  });

  it("refuses --all-pages: the Account Server does not page", async () => {
    const { code, stderr } = await runBin(["account-server", "get-organisations", "--all-pages"], env);
    expect(code).toBe(2);
    expect(stderr).toContain("account-server has no paged operations");
    expect(server.seen).toEqual([]);
  });
});
