import { inspect } from "node:util";
import axios from "axios";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuthError, apiKey, attachAuth, dserverTokenGenerator, dssApiKey, jwtExpiry } from "../src/index.js";

const GENERATOR = "https://dserver.test:5001/token";
const DSERVER = "https://dserver.test:5000";
const DSS = "https://dss.test:11200/public/api";
const PASSWORD = "dserver-Pa55word!";
const DSS_KEY = "dss-api-key-0123456789";

/** A signed-looking JWT whose payload the client reads (the signature is not checked client-side). */
function jwt(payload: Record<string, unknown>): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  return `${enc({ alg: "HS256", typ: "JWT" })}.${enc(payload)}.c2lnbmF0dXJl`;
}

let issued: string[] = [];
let generatorRequests = 0;
let generatorMode: "ok" | "no-token" | "refuse" = "ok";
let tokenLifetime = 15;
let clockOffset = 0;
const now = () => Date.now() + clockOffset;

const server = setupServer(
  http.post(GENERATOR, async ({ request }) => {
    generatorRequests++;
    const body = (await request.json()) as { username?: string; password?: string };
    if (generatorMode === "refuse" || body.password !== PASSWORD) {
      return HttpResponse.json({ status: "fail" }, { status: 401 });
    }
    if (generatorMode === "no-token") return HttpResponse.json({ status: "fail" });
    const token = jwt({ sub: body.username, exp: Math.floor(now() / 1000) + tokenLifetime, n: issued.length });
    issued.push(token);
    return HttpResponse.json({ status: "success", token });
  }),
  http.get(`${DSERVER}/config/info`, ({ request }) => {
    const auth = request.headers.get("authorization") ?? "";
    const token = auth.replace(/^Bearer /, "");
    if (!issued.includes(token) || (jwtExpiry(token) ?? 0) * 1000 <= now()) {
      return HttpResponse.json({ msg: "Token has expired" }, { status: 401 });
    }
    return HttpResponse.json({ ok: true });
  }),
  http.get(`${DSS}/projects/`, ({ request }) => {
    const auth = request.headers.get("authorization");
    const ticket = request.headers.get("x-dku-apiticket");
    const basic = `Basic ${Buffer.from(`${DSS_KEY}:`).toString("base64")}`;
    if (auth === basic || auth === `Bearer ${DSS_KEY}` || ticket === DSS_KEY) return HttpResponse.json([{ projectKey: "P1" }]);
    return HttpResponse.json({ errorType: "com.dataiku.dip.exceptions.UnauthorizedException", message: "no" }, { status: 401 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  issued = [];
  generatorRequests = 0;
  generatorMode = "ok";
  tokenLifetime = 15;
  clockOffset = 0;
});
afterAll(() => server.close());

function dserverProvider() {
  return dserverTokenGenerator({ tokenGeneratorUrl: GENERATOR, username: "alice", password: PASSWORD, now });
}

describe("dserver token generator", () => {
  it("posts {username, password} as JSON and attaches the returned JWT", async () => {
    const client = axios.create({ baseURL: DSERVER });
    attachAuth(client, dserverProvider());
    const res = await client.get("/config/info");
    expect(res.data).toEqual({ ok: true });
    expect(generatorRequests).toBe(1);
  });

  it("renews from the JWT's exp (15 s tokens: renewed in the last half of their life, not every request)", async () => {
    const provider = dserverProvider();
    const client = axios.create({ baseURL: DSERVER });
    attachAuth(client, provider);
    await client.get("/config/info");
    clockOffset = 5_000;
    await client.get("/config/info");
    expect(generatorRequests).toBe(1);
    clockOffset = 8_000; // past half of 15 s
    await client.get("/config/info");
    expect(generatorRequests).toBe(2);
    clockOffset = 30_000; // the first token expired long ago
    await client.get("/config/info");
    expect(generatorRequests).toBe(3);
  });

  it("500 concurrent requests with an expired token make exactly one generator request", async () => {
    const provider = dserverProvider();
    await provider.getTokens();
    clockOffset = 60_000;
    const client = axios.create({ baseURL: DSERVER });
    attachAuth(client, provider);
    const results = await Promise.all(Array.from({ length: 500 }, () => client.get("/config/info")));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(generatorRequests).toBe(2);
  });

  it('an HTTP 200 answer with status "fail" and no token is a refused sign-in (invalid_grant, no secret)', async () => {
    generatorMode = "no-token";
    const client = axios.create({ baseURL: DSERVER });
    attachAuth(client, dserverProvider());
    const error = await client.get("/config/info").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("invalid_grant");
    expect((error as AuthError).status).toBe(200);
    expect((error as AuthError).message).toContain('status "fail"');
    const text = `${JSON.stringify(error)} ${inspect(error, { depth: 10 })}`;
    expect(text).not.toContain(PASSWORD);
  });

  it("a refusing generator: each request fails once with AuthError, one generator call per request at most", async () => {
    generatorMode = "refuse";
    const client = axios.create({ baseURL: DSERVER });
    attachAuth(client, dserverProvider());
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => client.get("/config/info")));
    expect(outcomes.every((o) => o.status === "rejected" && (o.reason as AuthError).code === "invalid_grant")).toBe(true);
    expect(generatorRequests).toBe(1);
    for (let i = 0; i < 3; i++) await expect(client.get("/config/info")).rejects.toBeInstanceOf(AuthError);
    expect(generatorRequests).toBe(4);
  });

  it("a token the server refuses (revoked) is renewed once and the request retried once", async () => {
    const provider = dserverProvider();
    const client = axios.create({ baseURL: DSERVER });
    attachAuth(client, provider);
    await client.get("/config/info");
    issued = []; // the server forgets every token
    const res = await client.get("/config/info");
    expect(res.status).toBe(200);
    expect(generatorRequests).toBe(2);
  });

  it("needs a username and password (or a credentials callback)", () => {
    expect(() => dserverTokenGenerator({ tokenGeneratorUrl: GENERATOR })).toThrow(AuthError);
  });
});

describe("Dataiku DSS API keys", () => {
  it("HTTP Basic with the key as user name and empty password (official client form)", async () => {
    const client = axios.create({ baseURL: DSS });
    attachAuth(client, dssApiKey(DSS_KEY));
    expect((await client.get("/projects/")).data).toEqual([{ projectKey: "P1" }]);
  });

  it("Bearer and a named header", async () => {
    const bearer = axios.create({ baseURL: DSS });
    attachAuth(bearer, apiKey(DSS_KEY, { scheme: "bearer" }));
    expect((await bearer.get("/projects/")).status).toBe(200);
    const header = axios.create({ baseURL: DSS });
    attachAuth(header, apiKey(DSS_KEY, { scheme: "header", headerName: "X-DKU-APITicket" }));
    expect((await header.get("/projects/")).status).toBe(200);
  });

  it("a refused key fails once with AuthError(unauthorized) without the key", async () => {
    const client = axios.create({ baseURL: DSS });
    attachAuth(client, dssApiKey("wrong-key-abcdef"));
    const error = await client.get("/projects/").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("unauthorized");
    const text = `${JSON.stringify(error)} ${inspect(error, { depth: 10 })}`;
    expect(text).not.toContain("wrong-key-abcdef");
    expect(text).not.toContain(Buffer.from("wrong-key-abcdef:").toString("base64"));
  });

  it("an empty key is a configuration error", () => {
    expect(() => apiKey("")).toThrow(AuthError);
  });
});
