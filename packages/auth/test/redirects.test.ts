// Credentials stay with their origin: for every provider and header scheme, a
// redirect to another origin (301, 302, 303, 307, 308; with and without a body;
// through axios's Node http adapter and its fetch adapter) reaches the foreign
// server without any header the provider set and without any of its secrets.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type CredentialsProvider, createServiceClient } from "@sciclients/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKey, dssApiKey, passwordGrant, staticBearer } from "../src/index.js";
import { type OidcTestServer, PASSWORD_CLIENT, startOidcServer, USERS } from "./helpers/oidc-server.js";

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

async function listen(handler: (seen: Seen, res: import("node:http").ServerResponse) => void) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      const entry = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      seen.push(entry);
      handler(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { seen, origin, close, server };
}

let api: Awaited<ReturnType<typeof listen>>;
let foreign: Awaited<ReturnType<typeof listen>>;
let op: OidcTestServer;

beforeAll(async () => {
  foreign = await listen((_, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"landed":true}'));
  api = await listen((seen, res) => {
    const url = new URL(seen.url, "http://x");
    const status = Number(url.searchParams.get("status") ?? 0);
    if (url.pathname === "/go") {
      const to = url.searchParams.get("to") === "self" ? `${api.origin}/landing` : `${foreign.origin}/landing`;
      // With a body of its own (an HTML page, as many servers send), or without.
      const body = url.searchParams.get("page") === "1" ? "<html>moved</html>" : "";
      res.writeHead(status, { location: to, "content-type": "text/html" }).end(body);
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end('{"landed":true}');
  });
  op = await startOidcServer();
});
afterAll(async () => {
  await Promise.all([api.close(), foreign.close(), op.close()]);
});

const providers: Record<string, () => CredentialsProvider> = {
  "staticBearer (Authorization)": () => staticBearer("static-secret-token-1"),
  "staticBearer (X-Auth-Token)": () => staticBearer("static-secret-token-2", { header: "X-Auth-Token" }),
  "apiKey (basic)": () => apiKey("api-key-basic-secret"),
  "apiKey (bearer)": () => apiKey("api-key-bearer-secret", { scheme: "bearer" }),
  "apiKey (X-Api-Key)": () => apiKey("api-key-header-secret", { scheme: "header", headerName: "X-Api-Key" }),
  "dssApiKey (header)": () => dssApiKey("dss-key-header-secret", { scheme: "header", headerName: "X-DKU-APIKey" }),
  "passwordGrant (OIDC token)": () =>
    passwordGrant({
      issuer: op.issuer,
      clientId: PASSWORD_CLIENT,
      username: "alice",
      password: USERS.alice as string,
      allowInsecureHttp: true,
    }),
};

describe.each(["http", "fetch"] as const)("redirects through axios's %s adapter", (adapter) => {
  it.each(Object.keys(providers))("%s: no header the provider set, and no secret, reaches another origin", async (name) => {
    const provider = (providers[name] as () => CredentialsProvider)();
    const client = createServiceClient("test", { baseURL: api.origin, auth: provider, axios: { adapter } });
    const set = Object.keys(await provider.getAuthHeaders()).map((header) => header.toLowerCase());
    const secrets = [...(provider.secrets?.() ?? []), ...Object.values(await provider.getAuthHeaders())].filter(Boolean) as string[];
    expect(set.length).toBeGreaterThan(0);
    for (const status of [301, 302, 303, 307, 308]) {
      for (const withBody of [false, true]) {
        const before = foreign.seen.length;
        const apiBefore = api.seen.length;
        const response = await client.axios.request({
          url: `/go?status=${status}&page=${withBody ? 1 : 0}`,
          method: withBody ? "POST" : "GET",
          ...(withBody ? { data: { name: "payload" } } : {}),
        });
        const what = `${name} ${status} ${withBody ? "POST with body" : "GET"}`;
        expect(response.data, what).toEqual({ landed: true });
        // the API itself got the credentials
        const atApi = api.seen[apiBefore] as Seen;
        for (const header of set) expect(atApi.headers[header], what).toBeDefined();
        const landed = foreign.seen.slice(before);
        expect(landed, what).toHaveLength(1);
        const request = landed[0] as Seen;
        for (const header of set) expect(request.headers[header], `${what}: ${header}`).toBeUndefined();
        expect(request.headers.authorization, what).toBeUndefined();
        const everything = JSON.stringify(request);
        for (const secret of secrets) expect(everything, what).not.toContain(secret);
        // 307 and 308 keep the method and body; the others turn a POST into a GET
        const keeps = status === 307 || status === 308;
        expect(request.method, what).toBe(withBody && keeps ? "POST" : "GET");
        expect(request.body, what).toBe(withBody && keeps ? '{"name":"payload"}' : "");
      }
    }
  });

  it("a redirect within the origin keeps the credentials (they are read again for the new URL)", async () => {
    const client = createServiceClient("test", {
      baseURL: api.origin,
      auth: apiKey("same-origin-key", { scheme: "header" }),
      axios: { adapter },
    });
    const before = api.seen.length;
    await client.axios.get("/go?status=302&to=self");
    const [first, second] = api.seen.slice(before) as [Seen, Seen];
    expect(first.url).toBe("/go?status=302&to=self");
    expect(second.url).toBe("/landing");
    expect(second.headers["x-api-key"]).toBe("same-origin-key");
  });
});
