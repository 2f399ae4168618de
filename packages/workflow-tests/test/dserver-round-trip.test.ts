// The dserver round trip a maintainer runs after a server upgrade, on the
// recorded document (specs/recorded/dserver-openapi.json): a loopback dserver
// serves it behind a bearer token from its own token generator, `specs:fetch
// dserver` downloads it and applies specs/fixes/dserver.yaml, and the result
// must be the committed specs/dserver.yaml byte for byte, with `specs:diff`
// finding no change. Runs in a temp copy; the real specs/ is never written.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanTemps, type Json, makeRepo, repoRoot, runScript } from "./helpers.ts";

const COMMITTED = ["specs/services.yaml", "specs/dserver.yaml", "specs/fixes/dserver.yaml"] as const;
const committed = (file: string) => readFileSync(path.join(repoRoot, file), "utf8");
const recorded = readFileSync(path.join(repoRoot, "specs/recorded/dserver-openapi.json"));

const USERNAME = "maintainer";
const PASSWORD = "round-trip-password";
const TOKEN = "round-trip-token";

let server: Server;
let base: string;
/** What the document route should serve (the recorded bytes unless a test says otherwise). */
let served: Buffer = recorded;
const requests: string[] = [];

async function body(req: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text;
}

async function route(req: IncomingMessage, res: ServerResponse) {
  const json = (status: number, value: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(value));
  };
  if (req.method === "POST" && req.url === "/token") {
    const { username, password } = JSON.parse(await body(req)) as { username?: string; password?: string };
    requests.push(`POST /token ${username}`);
    // Like dserver's token generator: a refusal is HTTP 200 without a token.
    if (username !== USERNAME || password !== PASSWORD) return json(200, { status: "fail" });
    return json(200, { status: "success", token: TOKEN });
  }
  if (req.method === "GET" && req.url === "/doc/openapi.json") {
    requests.push(`GET /doc/openapi.json ${req.headers.authorization ?? "(no credentials)"}`);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { msg: "Missing Authorization Header" });
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(served);
  }
  json(404, { code: 404, status: "Not Found" });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  cleanTemps();
});

/** A temp repository with the committed manifest, fixes and spec; the working copy's spec removed so the fetch must write it. */
function checkout() {
  const { root, commit } = makeRepo(Object.fromEntries(COMMITTED.map((file) => [file, committed(file)])));
  rmSync(path.join(root, "specs/dserver.yaml"));
  return { root, commit };
}

/** dserver's settings as a maintainer has them: the API, its token generator, a user; plain http allowed on loopback. */
const settings = () => ({
  DSERVER_URL: base,
  DSERVER_TOKEN_GENERATOR_URL: `${base}/token`,
  DSERVER_USERNAME: USERNAME,
  DSERVER_PASSWORD: PASSWORD,
  SCICLIENTS_ALLOW_HTTP: "1",
});

interface DiffJson {
  services: {
    name: string;
    status: string;
    bump: string | null;
    breaking: boolean;
    changes: { label: string; subject: string; breaking: boolean }[];
  }[];
}

describe("dserver: fetching the recorded server document gives the committed spec", () => {
  it("signs in at the token generator, downloads with the token, writes specs/dserver.yaml byte for byte", async () => {
    const { root } = checkout();
    requests.length = 0;
    const fetched = await runScript("specs-fetch", root, ["dserver"], { env: settings() });
    expect(fetched.stderr).toBe("");
    expect(fetched.status).toBe(0);
    expect(fetched.stdout).toBe(
      `dserver: wrote specs/dserver.yaml from ${base}/doc/openapi.json (47 operations, OpenAPI 3.0.2, API version v1); review with \`pnpm specs:diff dserver\`\n`,
    );
    expect(requests).toEqual([`POST /token ${USERNAME}`, `GET /doc/openapi.json Bearer ${TOKEN}`]);
    expect(`${fetched.stdout}${fetched.stderr}`).not.toContain(PASSWORD);
    expect(readFileSync(path.join(root, "specs/dserver.yaml"), "utf8")).toBe(committed("specs/dserver.yaml"));

    const diff = await runScript("specs-diff", root, ["dserver", "--format", "json"]);
    expect(diff.stderr).toBe("");
    expect(diff.status).toBe(0);
    const report = JSON.parse(diff.stdout) as DiffJson;
    expect(report.services).toMatchObject([{ name: "dserver", status: "unchanged", bump: null, breaking: false, changes: [] }]);
  });

  it("a server upgrade shows up as what it changed: a new dataset field is an addition, under our model name", async () => {
    const { root } = checkout();
    const upgraded = JSON.parse(recorded.toString("utf8")) as Json;
    const dataset = (upgraded.components as Json).schemas as Record<string, Json>;
    (dataset.Dataset?.properties as Json).checksum = { type: "string", nullable: true };
    served = Buffer.from(JSON.stringify(upgraded));
    try {
      const fetched = await runScript("specs-fetch", root, ["dserver"], { env: settings() });
      expect(fetched.status).toBe(0);
      const diff = await runScript("specs-diff", root, ["dserver", "--format", "json"]);
      expect(diff.status).toBe(0);
      const [entry] = (JSON.parse(diff.stdout) as DiffJson).services;
      expect(entry).toMatchObject({ status: "changed", bump: "minor", breaking: false });
      expect(entry?.changes.map((c) => `${c.label}: ${c.subject}`)).toEqual(["Response field added: DatasetEntry.checksum"]);
    } finally {
      served = recorded;
    }
  });

  it("a server that renames a model its fixes name stops the fetch, naming the fix, and leaves the spec alone", async () => {
    const { root } = checkout();
    const renamed = recorded
      .toString("utf8")
      .replaceAll('"Summary"', '"DatasetSummarySchema"')
      .replaceAll("schemas/Summary", "schemas/DatasetSummarySchema");
    served = Buffer.from(renamed);
    try {
      const fetched = await runScript("specs-fetch", root, ["dserver"], { env: settings() });
      expect(fetched.status).toBe(1);
      expect(fetched.stderr).toMatch(
        /: fix \d+ of specs\/fixes\/dserver\.yaml \(Our model name DatasetSummary \(the server calls it Summary\)\.\) matched nothing at \$\.components\.schemas\.Summary; if the service fixed this itself, remove the fix/,
      );
      expect(fetched.stderr).toContain(`specs:fetch dserver: the document from ${base}/doc/openapi.json: fix `);
      expect(fetched.stderr).toContain("specs/dserver.yaml was not changed.");
      expect(existsSync(path.join(root, "specs/dserver.yaml"))).toBe(false);
    } finally {
      served = recorded;
    }
  });
});
