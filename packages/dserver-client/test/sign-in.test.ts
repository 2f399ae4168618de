// Token-generator sign-in from DSERVER_* settings, end to end: the settings
// resolver builds the provider, the client gets a JWT from an MSW token
// generator and sends it to an MSW dserver that refuses calls without it.
import { AuthError, jwtExpiry } from "@sciclients/auth";
import { createDserverClient, getAllDatasets, getReadme } from "@sciclients/dserver-client";
import { getConfigInfo } from "@sciclients/dserver-client/config";
import { resolveDserverSettings } from "@sciclients/dserver-client/node";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dataset, README_DATA, README_TEXT, SMB_URI } from "./fixtures.js";

const DSERVER_URL = "https://dserver.test:5000";
const GENERATOR_URL = "https://dserver.test:5001/token";
const PASSWORD = "s3cret-Pa55word";

const env = {
  DSERVER_URL,
  DSERVER_TOKEN_GENERATOR_URL: GENERATOR_URL,
  DSERVER_USERNAME: "testuser",
  DSERVER_PASSWORD: PASSWORD,
};

function jwt(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part(payload)}.c2lnbmF0dXJl`;
}

let valid = new Set<string>();
let generatorCalls: { body: unknown; authorization: string | null }[] = [];
let apiAuthorizations: (string | null)[] = [];
let generatorAnswer: "token" | "no-token" = "token";

const server = setupServer(
  http.post(GENERATOR_URL, async ({ request }) => {
    const body = (await request.json()) as { username?: string; password?: string };
    generatorCalls.push({ body, authorization: request.headers.get("authorization") });
    if (body.username !== "testuser" || body.password !== PASSWORD) return HttpResponse.json({ status: "fail" }, { status: 401 });
    // dserver's generator may answer 200 without a token; that is a failed sign-in.
    if (generatorAnswer === "no-token") return HttpResponse.json({ status: "fail" });
    const token = jwt({ sub: body.username, exp: Math.floor(Date.now() / 1000) + 3600, n: generatorCalls.length });
    valid.add(token);
    return HttpResponse.json({ status: "success", token });
  }),
  http.all(`${DSERVER_URL}/*`, ({ request }) => {
    const authorization = request.headers.get("authorization");
    apiAuthorizations.push(authorization);
    const token = authorization?.replace(/^Bearer /, "") ?? "";
    if (!valid.has(token)) return HttpResponse.json({ msg: "Missing Authorization Header" }, { status: 401 });
    const path = new URL(request.url).pathname;
    if (path === "/uris")
      return HttpResponse.json([dataset()], { headers: { "X-Pagination": '{"total": 1, "total_pages": 1, "page": 1}' } });
    if (path.startsWith("/readmes/")) return HttpResponse.json({ readme: README_TEXT });
    if (path === "/config/info") return HttpResponse.json({ config: { dservercore_version: "0.20.0" } });
    return HttpResponse.json({ code: 404, status: "Not Found", message: "no route" }, { status: 404 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  valid = new Set();
  generatorCalls = [];
  apiAuthorizations = [];
  generatorAnswer = "token";
});
afterAll(() => server.close());

function signIn() {
  const { baseURL, auth, httpsAgent } = resolveDserverSettings({ env, configFile: false });
  return createDserverClient({ baseURL, auth, axios: { httpsAgent } });
}

describe("token-generator sign-in from DSERVER_* settings", () => {
  it("the settings name the server and a token-generator provider", () => {
    const settings = resolveDserverSettings({ env, configFile: false });
    expect(settings.baseURL).toBe(DSERVER_URL);
    expect(settings.auth?.kind).toBe("dserver-token-generator");
    expect(settings.verifySsl).toBe(true);
  });

  it("gets a JWT with the username and password, then sends it with every call", async () => {
    const dserver = signIn();
    const all = await getAllDatasets(dserver);
    const { data } = await getReadme(dserver, SMB_URI);
    expect(all).toEqual([dataset()]);
    expect(data).toEqual(README_DATA);
    expect(generatorCalls).toEqual([{ body: { username: "testuser", password: PASSWORD }, authorization: null }]);
    const token = [...valid][0] ?? "";
    expect(jwtExpiry(token)).toBeGreaterThan(Date.now() / 1000);
    expect(apiAuthorizations).toEqual([`Bearer ${token}`, `Bearer ${token}`]);
  });

  it("a token the server stops accepting is replaced and the call retried", async () => {
    const dserver = signIn();
    await getConfigInfo({ client: dserver });
    valid.clear(); // the server forgets the token, as when a short-lived token expires
    await expect(getConfigInfo({ client: dserver })).resolves.toEqual({ config: { dservercore_version: "0.20.0" } });
    expect(generatorCalls).toHaveLength(2);
    expect(apiAuthorizations).toHaveLength(3);
    expect(apiAuthorizations[2]).toBe(`Bearer ${[...valid][0]}`);
  });

  it('a generator answer with status "fail" and no token is a refused sign-in (invalid_grant) and nothing reaches dserver', async () => {
    generatorAnswer = "no-token";
    const error = await getAllDatasets(signIn()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("invalid_grant");
    expect(String(error)).not.toContain(PASSWORD);
    expect(apiAuthorizations).toEqual([]);
  });

  it("without credentials the resolver names the missing setting", () => {
    const { DSERVER_PASSWORD: _, ...withoutPassword } = env;
    expect(() => resolveDserverSettings({ env: withoutPassword, configFile: false })).toThrow(/DSERVER_PASSWORD is not set/);
  });
});
