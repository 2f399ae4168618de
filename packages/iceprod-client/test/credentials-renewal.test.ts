// IceProd answers an expired token with 403 "authentication failed" (never
// 401): the client renews credentials on it, once per request, as on a 401,
// and leaves a 403 "authorization failed" (a real refusal) alone. Real HTTP
// over loopback: a node:http server that honours only the token it issued last.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, AuthError, type CredentialsProvider } from "@sciclients/core";
import { createIceprodClient } from "@sciclients/iceprod-client";
import { listDatasets } from "@sciclients/iceprod-client/functions";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

/** How the server answers a request whose token it does not honour. */
type Refusal = "json" | "text";

let server: Server;
let origin: string;
/** The only token the server honours ("" honours none); older ones have expired. */
let current = "";
let refusal: Refusal = "json";
/** Tokens the server knows but whose role may not list datasets. */
let forbidden = new Set<string>();
let seen: (string | undefined)[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const token = req.headers.authorization?.replace(/^Bearer /, "");
    seen.push(token);
    if (token && forbidden.has(token)) {
      res.writeHead(403, { "content-type": "application/json" }).end(JSON.stringify({ code: 403, error: "authorization failed" }));
    } else if (!token || token !== current) {
      if (refusal === "text") res.writeHead(403, { "content-type": "text/plain" }).end("HTTP 403: authentication failed");
      else res.writeHead(403, { "content-type": "application/json" }).end(JSON.stringify({ code: 403, error: "authentication failed" }));
    } else {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ d1: { dataset: 21000, status: "processing" } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  refusal = "json";
  forbidden = new Set();
});

/** A provider holding a short-lived token that the server has already let expire; each renewal gets a new one, which the server then honours. */
function expiringProvider(options: { serverHonoursRenewed?: boolean } = {}) {
  let generation = 1;
  const tokenOf = (n: number) => `iceprod-token-${n}-secret`;
  const renewals: Record<string, string>[] = [];
  const provider: CredentialsProvider = {
    kind: "test",
    async getAuthHeaders(request = {}) {
      if (request.forceRenewal) {
        renewals.push(request.refusedHeaders ?? {});
        generation += 1;
        if (options.serverHonoursRenewed !== false) current = tokenOf(generation);
      }
      return { Authorization: `Bearer ${tokenOf(generation)}` };
    },
    secrets: () => Array.from({ length: generation }, (_, i) => tokenOf(i + 1)),
  };
  current = "";
  return { provider, renewals, tokenOf };
}

describe("IceProd's 403 authentication failed renews credentials", () => {
  it("an expired token: 403 authentication failed, renewed once, then the answer", async () => {
    const { provider, renewals, tokenOf } = expiringProvider();
    const client = createIceprodClient({ baseURL: origin, auth: provider, retry: false });
    await expect(listDatasets(undefined, { client })).resolves.toEqual({ d1: { dataset: 21000, status: "processing" } });
    expect(seen).toEqual([tokenOf(1), tokenOf(2)]);
    expect(renewals).toEqual([{ Authorization: `Bearer ${tokenOf(1)}` }]);
  });

  it("a text answer saying authentication failed renews too", async () => {
    refusal = "text";
    const { provider, renewals, tokenOf } = expiringProvider();
    const client = createIceprodClient({ baseURL: origin, auth: provider });
    await expect(listDatasets(undefined, { client })).resolves.toHaveProperty("d1");
    expect(seen).toEqual([tokenOf(1), tokenOf(2)]);
    expect(renewals).toHaveLength(1);
  });

  it("403 authorization failed (a refused role) is an ApiError 403, without renewal", async () => {
    const { provider, renewals, tokenOf } = expiringProvider();
    current = tokenOf(1);
    forbidden.add(tokenOf(1));
    const client = createIceprodClient({ baseURL: origin, auth: provider, retry: false });
    const error = await listDatasets(undefined, { client }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(403);
    expect((error as ApiError).body).toEqual({ code: 403, error: "authorization failed" });
    expect(renewals).toEqual([]);
    expect(seen).toEqual([tokenOf(1)]);
  });

  it("renewed credentials refused again: an AuthError after one renewal, as for a 401, with no token in it", async () => {
    const { provider, renewals, tokenOf } = expiringProvider({ serverHonoursRenewed: false });
    const client = createIceprodClient({ baseURL: origin, auth: provider });
    const error = await listDatasets(undefined, { client }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: "unauthorized", status: 403, provider: "test" });
    expect((error as AuthError).message).toContain("HTTP 403");
    expect(seen).toEqual([tokenOf(1), tokenOf(2)]);
    expect(renewals).toHaveLength(1);
    expect(JSON.stringify(error)).not.toContain("-secret");
  });

  it("a client of your own can say otherwise: credentialsRefused replaces IceProd's test", async () => {
    const { provider, renewals } = expiringProvider();
    const client = createIceprodClient({ baseURL: origin, auth: provider, retry: false, credentialsRefused: (status) => status === 401 });
    const error = await listDatasets(undefined, { client }).catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(403);
    expect(renewals).toEqual([]);
  });
});
