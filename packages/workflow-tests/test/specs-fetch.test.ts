// `pnpm specs:fetch` end to end: a local HTTP server on 127.0.0.1 plays the
// live services; the command runs as a child process against a temp repository.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { at, cleanTemps, type Json, makeRepo, manifest, petsDoc, runScript, type ServiceFixture } from "./helpers.ts";

/** Keys in reverse order at every level, as a server with its own serialiser might send them. */
function scramble(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scramble);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, scramble(v)]),
    );
  return value;
}

/**
 * What a live server would publish for the fixture: scrambled key order, its own
 * address in `servers`, a build stamp, and the path parameter of /pets/{petId}
 * forgotten (the manifest's fix declares it again).
 */
function liveDocument(): Json {
  const doc = petsDoc();
  doc.servers = [{ url: "http://10.1.2.3:8080/api" }];
  at(doc, "info")["x-build-date"] = "2026-11-22T01:02:03Z";
  delete at(doc, "paths", "/pets/{petId}").parameters;
  return scramble(doc) as Json;
}

const FIXES = [
  {
    description: "The server does not declare the petId path parameter",
    target: "$.paths['/pets/{petId}']",
    update: { parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }] },
  },
  {
    description: "Keep the public address instead of the deployment's",
    target: "$",
    update: { servers: [{ url: "https://pets.example.org/api" }] },
  },
];

const COMMITTED = "# the committed spec, which a failed fetch must leave alone\nopenapi: 3.0.3\n";

let server: Server;
let base: string;
const seenAuthorization: (string | undefined)[] = [];

function route(req: IncomingMessage, res: ServerResponse) {
  const url = req.url ?? "";
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  if (url === "/api/openapi.json") return json(200, liveDocument());
  if (url === "/api/openapi.yaml") {
    res.writeHead(200, { "content-type": "application/yaml" });
    return res.end(stringify(liveDocument()));
  }
  if (url === "/down/openapi.json") {
    res.writeHead(503, { "content-type": "text/plain" });
    return res.end("Service Unavailable: maintenance until 02:00");
  }
  if (url === "/invalid/openapi.json") {
    const doc = liveDocument();
    at(doc, "paths", "/pets", "get", "responses", "200", "content", "application/json", "schema", "items").$ref =
      "#/components/schemas/Animal";
    return json(200, doc);
  }
  if (url === "/html/openapi.json") {
    res.writeHead(200, { "content-type": "text/html" });
    return res.end("<html><body>Sign in</body></html>");
  }
  if (url === "/slow/openapi.json") return; // never answers
  if (url === "/secure/doc/openapi.json") {
    seenAuthorization.push(req.headers.authorization);
    if (req.headers.authorization !== "Bearer s3cret-token") return json(401, { error: "unauthorized" });
    return json(200, liveDocument());
  }
  json(404, { error: `no ${url}` });
}

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  cleanTemps();
});

const live = (url: string, extra: Json = {}): Json => ({ url, volatile: ["$.info['x-build-date']"], fixes: FIXES, ...extra });

/** A repository whose services all have COMMITTED as their spec. */
function repo(services: ServiceFixture[]) {
  const files: Record<string, string> = { "specs/services.yaml": manifest(services) };
  for (const s of services) files[`specs/${s.name}.yaml`] = COMMITTED;
  return makeRepo(files).root;
}

const spec = (root: string, name: string) => readFileSync(path.join(root, "specs", `${name}.yaml`), "utf8");
const leftovers = (root: string) => readdirSync(path.join(root, "specs")).filter((f) => f.endsWith(".tmp"));

describe("specs:fetch writes the normalised live document", () => {
  let root: string;
  let first: Awaited<ReturnType<typeof runScript>>;

  beforeAll(async () => {
    root = repo([
      { name: "pets", live: live(`${base}/api/openapi.json`) },
      { name: "pets-yaml", live: live("{PETS_URL}/openapi.yaml") },
      { name: "unpublished", live: { published: false, note: "This service publishes no document." } },
    ]);
    first = await runScript("specs-fetch", root, [], { env: { PETS_URL: `${base}/api/` } });
  });

  it("downloads every published document, skips the unpublished one and exits 0", () => {
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(
      `pets: wrote specs/pets.yaml from ${base}/api/openapi.json (6 operations, OpenAPI 3.0.3, API version 1.0)`,
    );
    expect(first.stdout).toContain(`pets-yaml: wrote specs/pets-yaml.yaml from ${base}/api/openapi.yaml`);
    expect(first.stdout).toContain("unpublished: skipped, no live document (This service publishes no document.)");
    expect(spec(root, "unpublished")).toBe(COMMITTED);
  });

  it("drops volatile fields and applies the manifest's fixes: the result is the fixture document", () => {
    for (const name of ["pets", "pets-yaml"]) {
      const written = parse(spec(root, name)) as Json;
      expect(written).toEqual(petsDoc());
      expect(JSON.stringify(written)).not.toContain("x-build-date");
      expect(JSON.stringify(written)).not.toContain("10.1.2.3");
    }
  });

  it("writes YAML with a header and a stable key order", () => {
    const text = spec(root, "pets");
    expect(text.startsWith("# Written by `pnpm specs:fetch pets` from the service's live OpenAPI document\n")).toBe(true);
    const doc = parse(text) as Json;
    expect(Object.keys(doc)).toEqual(["openapi", "info", "servers", "tags", "paths", "components"]);
    expect(Object.keys(at(doc, "paths"))).toEqual(["/owners", "/pets", "/pets/{petId}"]);
    expect(Object.keys(at(doc, "paths", "/pets/{petId}"))).toEqual(["parameters", "get", "put", "delete"]);
    expect(Object.keys(at(doc, "paths", "/pets", "get"))).toEqual(["operationId", "summary", "tags", "parameters", "responses"]);
    expect(Object.keys(at(doc, "components", "schemas"))).toEqual([...Object.keys(at(doc, "components", "schemas"))].sort());
    // The order of properties is the order of the generated types: kept as served (here reversed).
    expect(Object.keys(at(doc, "components", "schemas", "Owner", "properties"))).toEqual(["email", "id"]);
    // No YAML anchors or aliases: every schema reads on its own.
    expect(text).not.toMatch(/(^|\s)[&*][\w-]+\s*$/m);
    expect(spec(root, "pets-yaml")).toBe(text.replace("specs:fetch pets`", "specs:fetch pets-yaml`"));
  });

  it("is idempotent: fetching again changes nothing", async () => {
    const before = spec(root, "pets");
    const again = await runScript("specs-fetch", root, ["pets"]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("pets: specs/pets.yaml is already up to date (6 operations");
    expect(spec(root, "pets")).toBe(before);
    expect(leftovers(root)).toEqual([]);
  });

  it("--file normalises a document already downloaded, even for a service that publishes none", async () => {
    const file = path.join(root, "downloaded.json");
    const downloaded = petsDoc();
    downloaded.servers = [{ url: "http://10.1.2.3:8080/api" }];
    at(downloaded, "info")["x-build-date"] = "2026-11-22T01:02:03Z";
    writeFileSync(file, JSON.stringify(scramble(downloaded)));
    const run = await runScript("specs-fetch", root, ["unpublished", "--file", file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`unpublished: wrote specs/unpublished.yaml from ${file}`);
    // No manifest fixes for it: the document is taken as it is, servers dropped, keys sorted.
    const written = parse(spec(root, "unpublished")) as Json;
    expect(written.servers).toBeUndefined();
    expect(at(written, "info")["x-build-date"]).toBe("2026-11-22T01:02:03Z");
  });
});

describe("specs:fetch leaves the committed spec alone when it cannot use the document", () => {
  const failing = async (services: ServiceFixture[], args: string[] = [], env: Record<string, string> = {}) => {
    const root = repo(services);
    const run = await runScript("specs-fetch", root, args, { env });
    expect(run.status).toBe(1);
    for (const s of services) expect(spec(root, s.name)).toBe(COMMITTED);
    expect(leftovers(root)).toEqual([]);
    return run;
  };

  it("an HTTP error status: names the status, the URL and the server's message", async () => {
    const run = await failing([{ name: "down", live: live(`${base}/down/openapi.json`) }]);
    expect(run.stderr).toContain(
      `specs:fetch down: HTTP 503 Service Unavailable from ${base}/down/openapi.json: Service Unavailable: maintenance until 02:00`,
    );
    expect(run.stderr).toContain("specs/down.yaml was not changed.");
  });

  it("an invalid document: says why it is invalid", async () => {
    const run = await failing([{ name: "broken", live: live(`${base}/invalid/openapi.json`) }]);
    expect(run.stderr).toContain(`specs:fetch broken: the document from ${base}/invalid/openapi.json is not a valid OpenAPI document`);
    expect(run.stderr).toContain('Missing $ref pointer "#/components/schemas/Animal"');
    expect(run.stderr).toContain("specs/broken.yaml was not changed.");
  });

  it("a page that is not an OpenAPI document", async () => {
    const run = await failing([{ name: "html", live: live(`${base}/html/openapi.json`) }]);
    expect(run.stderr).toContain("is not an OpenAPI document (not an object)");
  });

  it("a fix that no longer matches anything", async () => {
    const stale = { description: "Old typo in /kittens", target: "$.paths['/kittens']", update: { summary: "Kittens" } };
    const run = await failing([{ name: "stale", live: live(`${base}/api/openapi.json`, { fixes: [...FIXES, stale] }) }]);
    expect(run.stderr).toContain(
      "fix 3 (Old typo in /kittens) matched nothing at $.paths['/kittens']; if the service fixed this itself, remove the fix",
    );
  });

  it("a server that does not answer in time", async () => {
    const run = await failing([{ name: "slow", live: live(`${base}/slow/openapi.json`) }], ["--timeout", "1"]);
    expect(run.stderr).toContain(`no complete answer from ${base}/slow/openapi.json within 1 s`);
  });

  it("a setting of the URL that is not set, and a service that publishes no document", async () => {
    const run = await failing(
      [
        { name: "unset", live: live("{PETS_URL}/openapi.json") },
        { name: "handmade", live: { published: false, note: "Written by hand." } },
      ],
      ["unset", "handmade"],
    );
    expect(run.stderr).toMatch(/specs:fetch unset: PETS_URL is not set in the environment or .*sciclients\/config\.json; or pass --url/);
    expect(run.stderr).toContain(
      "specs:fetch handmade: no live document to fetch: Written by hand. Edit specs/handmade.yaml by hand, or pass --file",
    );
  });
});

describe("specs:fetch sends credentials from the client packages' settings", () => {
  const secured: ServiceFixture = { name: "secured", live: live("{DSERVER_URL}/secure/doc/openapi.json", { auth: "dserver" }) };
  // The test server is plain http on 127.0.0.1; credentials go there only when http is allowed.
  const ALLOW_HTTP = { SCICLIENTS_ALLOW_HTTP: "1" };

  it("uses DSERVER_TOKEN as a bearer token for dserver's document", async () => {
    const root = repo([secured]);
    seenAuthorization.length = 0;
    const run = await runScript("specs-fetch", root, [], { env: { DSERVER_URL: base, DSERVER_TOKEN: "s3cret-token", ...ALLOW_HTTP } });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(seenAuthorization).toEqual(["Bearer s3cret-token"]);
    expect(parse(spec(root, "secured"))).toEqual(petsDoc());
  });

  it("reads the same settings from the dtool config file", async () => {
    const root = repo([secured]);
    seenAuthorization.length = 0;
    const home = path.join(root, "home");
    const configDir = path.join(home, ".config", "dtool");
    await import("node:fs/promises").then((fs) => fs.mkdir(configDir, { recursive: true }));
    writeFileSync(path.join(configDir, "dtool.json"), JSON.stringify({ DSERVER_URL: base, DSERVER_TOKEN: "s3cret-token" }));
    const run = await runScript("specs-fetch", root, [], { env: { HOME: home, ...ALLOW_HTTP } });
    expect(run.status).toBe(0);
    expect(seenAuthorization).toEqual(["Bearer s3cret-token"]);
  });

  it("fails before any request, naming the missing setting, when there are no credentials", async () => {
    const root = repo([secured]);
    seenAuthorization.length = 0;
    const run = await runScript("specs-fetch", root, [], { env: { DSERVER_URL: base, ...ALLOW_HTTP } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "specs:fetch secured: credentials (dserver settings of @sciclients/dserver-client/node): dserver: no credentials; set DSERVER_TOKEN",
    );
    expect(run.stderr).toContain("or pass --no-auth if the document is public");
    expect(seenAuthorization).toEqual([]);
    expect(spec(root, "secured")).toBe(COMMITTED);
  });

  it("refuses to send credentials to a plain-http API unless SCICLIENTS_ALLOW_HTTP allows it", async () => {
    const root = repo([secured]);
    seenAuthorization.length = 0;
    const run = await runScript("specs-fetch", root, [], { env: { DSERVER_URL: base, DSERVER_TOKEN: "s3cret-token" } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `dserver: the environment variable DSERVER_URL is a plain http URL (${base}) and credentials would be sent to it`,
    );
    expect(run.stderr).toContain("SCICLIENTS_ALLOW_HTTP=1");
    expect(run.stderr).not.toContain("s3cret-token");
    expect(seenAuthorization).toEqual([]);
    expect(spec(root, "secured")).toBe(COMMITTED);
  });

  it("--no-auth sends none (here the server refuses: HTTP 401)", async () => {
    const root = repo([secured]);
    seenAuthorization.length = 0;
    const run = await runScript("specs-fetch", root, ["--no-auth"], { env: { DSERVER_URL: base, DSERVER_TOKEN: "s3cret-token" } });
    expect(run.status).toBe(1);
    expect(seenAuthorization).toEqual([undefined]);
    expect(run.stderr).toContain(`HTTP 401 Unauthorized from ${base}/secure/doc/openapi.json`);
    expect(spec(root, "secured")).toBe(COMMITTED);
  });

  it("never sends credentials to another origin than the API's", async () => {
    const root = repo([secured]);
    seenAuthorization.length = 0;
    const other = base.replace("127.0.0.1", "127.0.0.2");
    const run = await runScript("specs-fetch", root, ["secured", "--url", `${base}/secure/doc/openapi.json`], {
      env: { DSERVER_URL: other, DSERVER_TOKEN: "s3cret-token", ...ALLOW_HTTP },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${base} is not the API's origin (${other}): downloading without credentials`);
    expect(seenAuthorization).toEqual([undefined]);
    expect(existsSync(path.join(root, "specs", "secured.yaml"))).toBe(true);
    expect(spec(root, "secured")).toBe(COMMITTED);
  });
});
