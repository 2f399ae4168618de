import { inspect } from "node:util";
import axios from "axios";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  AuthError,
  attachAuth,
  clientCredentials,
  type DeviceVerification,
  deviceGrant,
  keycloakIssuer,
  MemoryTokenStore,
  passwordGrant,
  refreshTokenGrant,
  resolveIssuer,
} from "../src/index.js";
import { type ApiServer, startApiServer } from "./helpers/api-server.js";
import {
  DEVICE_CLIENT,
  DEVICE_GRANT,
  type OidcTestServer,
  PASSWORD_CLIENT,
  SERVICE_CLIENT,
  startOidcServer,
  USERS,
} from "./helpers/oidc-server.js";

let op: OidcTestServer;
let api: ApiServer;

beforeAll(async () => {
  op = await startOidcServer();
  api = await startApiServer(async (req) => {
    const token = req.authorization?.replace(/^Bearer /, "");
    return token && (await op.isValidAccessToken(token)) ? 200 : 401;
  });
});
afterAll(async () => {
  await api.close();
  await op.close();
});
beforeEach(() => {
  op.refuseAll = undefined;
  op.slowDownPolls = 0;
  op.deviceExpiresIn = undefined;
  for (const key of Object.keys(op.tokenRequests)) delete op.tokenRequests[key];
});

/** A clock the test can move forward, for expiry without waiting. */
function testClock() {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(seconds: number) {
      offset += seconds * 1000;
    },
  };
}

function secretsAbsent(error: unknown, secrets: string[]): void {
  const text = `${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 10 })}`;
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe("issuer and discovery", () => {
  it("builds a Keycloak issuer from URL and realm", () => {
    expect(keycloakIssuer("https://sso.example.org/auth/", "IceCube")).toBe("https://sso.example.org/auth/realms/IceCube");
    expect(resolveIssuer({ keycloakUrl: "https://kc.example", realm: "squonk" })).toBe("https://kc.example/realms/squonk");
    expect(() => resolveIssuer({})).toThrow(AuthError);
  });

  it("reads the endpoints from /.well-known/openid-configuration (an unknown issuer fails with AuthError)", async () => {
    const ok = clientCredentials({
      issuer: op.issuer,
      clientId: SERVICE_CLIENT.id,
      clientSecret: SERVICE_CLIENT.secret,
      allowInsecureHttp: true,
    });
    const headers = await ok.getAuthHeaders();
    expect(headers.Authorization).toMatch(/^Bearer .{20,}/);
    const wrong = clientCredentials({
      issuer: `${op.issuer}/no-such-realm`,
      clientId: SERVICE_CLIENT.id,
      clientSecret: SERVICE_CLIENT.secret,
      allowInsecureHttp: true,
    });
    const error = await wrong.getAuthHeaders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toContain("OpenID configuration");
    secretsAbsent(error, [SERVICE_CLIENT.secret]);
  });

  it("refuses plain-http issuers unless allowed", async () => {
    const p = clientCredentials({ issuer: op.issuer, clientId: SERVICE_CLIENT.id, clientSecret: SERVICE_CLIENT.secret });
    const error = await p.getAuthHeaders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).provider).toBe("client-credentials");
  });
});

describe("password grant (Squonk2 Auth.get_access_token equivalent)", () => {
  it("signs in, then renews with the refresh token before expiry (rotating it)", async () => {
    const clock = testClock();
    const store = new MemoryTokenStore();
    const provider = passwordGrant({
      issuer: op.issuer,
      clientId: PASSWORD_CLIENT,
      username: "alice",
      password: USERS.alice,
      scope: "openid offline_access",
      allowInsecureHttp: true,
      store,
      now: clock.now,
    });
    const first = await provider.getTokens();
    expect(first.refreshToken).toBeTruthy();
    expect(op.tokenRequests.password).toBe(1);
    // within the default 60 s skew of the one-hour expiry: renewed proactively
    clock.advance(3600 - 30);
    const second = await provider.getTokens();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(op.tokenRequests.refresh_token).toBe(1);
    expect(op.tokenRequests.password).toBe(1);
    expect((await store.get(provider.storeKey))?.refreshToken).toBe(second.refreshToken);
    const http = axios.create({ baseURL: api.origin });
    attachAuth(http, provider);
    expect((await http.get("/datasets")).status).toBe(200);
  });

  it("uses the password again when the server gives no refresh token", async () => {
    const clock = testClock();
    const provider = passwordGrant({
      issuer: op.issuer,
      clientId: PASSWORD_CLIENT,
      username: "bob",
      password: USERS.bob,
      scope: "openid",
      allowInsecureHttp: true,
      now: clock.now,
    });
    const first = await provider.getTokens();
    expect(first.refreshToken).toBeUndefined();
    clock.advance(3600);
    await provider.getTokens();
    expect(op.tokenRequests.password).toBe(2);
    expect(op.tokenRequests.refresh_token).toBeUndefined();
  });

  it("wrong password: AuthError(invalid_grant) that names the user but never the password", async () => {
    const provider = passwordGrant({
      issuer: op.issuer,
      clientId: PASSWORD_CLIENT,
      username: "alice",
      password: "wrong-Pa55word-value",
      allowInsecureHttp: true,
    });
    const error = await provider.getAuthHeaders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("invalid_grant");
    expect((error as AuthError).oauthError).toBe("invalid_grant");
    expect((error as AuthError).message).toContain("alice");
    secretsAbsent(error, ["wrong-Pa55word-value"]);
  });

  it("invalid_grant on refresh clears the refresh token and signs in with the password again", async () => {
    const clock = testClock();
    const store = new MemoryTokenStore();
    const options = {
      issuer: op.issuer,
      clientId: PASSWORD_CLIENT,
      username: "alice",
      password: USERS.alice,
      scope: "openid offline_access",
      allowInsecureHttp: true,
      store,
      now: clock.now,
    };
    const provider = passwordGrant(options);
    const first = await provider.getTokens();
    // the grant is revoked server-side (e.g. the user signed out everywhere)
    const rt = await op.provider.RefreshToken.find(first.refreshToken);
    await rt.destroy();
    clock.advance(3600);
    const second = await provider.getTokens();
    expect(op.tokenRequests.refresh_token).toBe(1);
    expect(op.tokenRequests.password).toBe(2);
    expect(second.refreshToken).toBeTruthy();
    expect(second.refreshToken).not.toBe(first.refreshToken);
  });

  it("asks a credentials callback once when no username/password were given", async () => {
    let asked = 0;
    const provider = passwordGrant({
      issuer: op.issuer,
      clientId: PASSWORD_CLIENT,
      allowInsecureHttp: true,
      credentials: async () => {
        asked++;
        return { username: "bob", password: USERS.bob as string };
      },
    });
    await Promise.all([provider.getAuthHeaders(), provider.getAuthHeaders()]);
    await provider.getAuthHeaders({ forceRenewal: true });
    expect(asked).toBe(1);
    expect(op.tokenRequests.password).toBe(2);
  });
});

describe("client credentials", () => {
  it("gets a token, attaches it, and renews once when the API refuses it", async () => {
    const provider = clientCredentials({
      issuer: op.issuer,
      clientId: SERVICE_CLIENT.id,
      clientSecret: SERVICE_CLIENT.secret,
      allowInsecureHttp: true,
    });
    const http = axios.create({ baseURL: api.origin });
    attachAuth(http, provider);
    expect((await http.get("/a")).status).toBe(200);
    const first = (await provider.getTokens()).accessToken;
    await (await op.provider.ClientCredentials.find(first)).destroy();
    expect((await http.get("/b")).status).toBe(200);
    expect(op.tokenRequests.client_credentials).toBe(2);
    expect((await provider.getTokens()).accessToken).not.toBe(first);
  });

  it("a wrong client secret fails with AuthError(invalid_client) without the secret", async () => {
    const provider = clientCredentials({
      issuer: op.issuer,
      clientId: SERVICE_CLIENT.id,
      clientSecret: "not-the-Secret-1234",
      allowInsecureHttp: true,
    });
    const error = await provider.getAuthHeaders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("invalid_client");
    secretsAbsent(error, ["not-the-Secret-1234"]);
  });
});

describe("device authorization grant (IceProd SavedDeviceGrantAuth equivalent)", () => {
  function approving(accountId = "alice") {
    const shown: DeviceVerification[] = [];
    return {
      shown,
      onVerification: async (v: DeviceVerification) => {
        shown.push(v);
        await op.approveDevice(v.userCode, accountId);
      },
    };
  }

  it("shows the code, polls with PKCE S256, stores the refresh token and reuses it next run", async () => {
    const store = new MemoryTokenStore();
    const ui = approving();
    const challengesBefore = op.deviceChallenges.length;
    const first = deviceGrant({
      issuer: op.issuer,
      clientId: DEVICE_CLIENT,
      allowInsecureHttp: true,
      store,
      onVerification: ui.onVerification,
    });
    const headers = await first.getAuthHeaders();
    expect(headers.Authorization).toMatch(/^Bearer /);
    expect(ui.shown).toHaveLength(1);
    expect(ui.shown[0]?.verificationUri).toContain(op.issuer);
    expect(ui.shown[0]?.userCode).toMatch(/\w{4}-?\w{4}/);
    expect(op.deviceChallenges.at(-1)).toMatch(/^[\w-]{43}$/);
    expect(op.pkceVerified).toBeGreaterThanOrEqual(1);
    const saved = await store.get(first.storeKey);
    expect(saved?.refreshToken).toBeTruthy();
    expect(saved?.scope ?? "").toContain("offline_access");

    // next run: a new provider with the same store uses the saved refresh token, no new device sign-in
    const clock = testClock();
    clock.advance(7200);
    const second = deviceGrant({
      issuer: op.issuer,
      clientId: DEVICE_CLIENT,
      allowInsecureHttp: true,
      store,
      now: clock.now,
      onVerification: ui.onVerification,
    });
    await second.getAuthHeaders();
    expect(ui.shown).toHaveLength(1);
    expect(op.deviceChallenges.length - challengesBefore).toBe(1);
    expect(op.tokenRequests.refresh_token).toBe(1);
  });

  it("falls back to a new device sign-in when the saved refresh token is refused", async () => {
    const store = new MemoryTokenStore();
    const ui = approving();
    const provider = deviceGrant({
      issuer: op.issuer,
      clientId: DEVICE_CLIENT,
      allowInsecureHttp: true,
      store,
      onVerification: ui.onVerification,
    });
    const key = provider.storeKey;
    await store.set(key, { accessToken: "expired", refreshToken: "revoked-refresh-token", expiresAt: 1, obtainedAt: 0 });
    const headers = await provider.getAuthHeaders();
    expect(headers.Authorization).not.toContain("expired");
    expect(op.tokenRequests.refresh_token).toBe(1);
    expect(ui.shown).toHaveLength(1);
    expect((await store.get(key))?.refreshToken).not.toBe("revoked-refresh-token");
  });

  it("honours slow_down while polling", async () => {
    op.slowDownPolls = 1;
    const ui = approving();
    const provider = deviceGrant({
      issuer: op.issuer,
      clientId: DEVICE_CLIENT,
      allowInsecureHttp: true,
      onVerification: ui.onVerification,
    });
    await provider.getAuthHeaders();
    expect(op.tokenRequests[DEVICE_GRANT]).toBe(2);
  });

  it("a denied sign-in fails with AuthError(access_denied)", async () => {
    const provider = deviceGrant({
      issuer: op.issuer,
      clientId: DEVICE_CLIENT,
      allowInsecureHttp: true,
      onVerification: (v) => op.denyDevice(v.userCode),
    });
    const error = await provider.getAuthHeaders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("access_denied");
  });

  it("stops polling when the user code expires: AuthError(expired)", async () => {
    op.deviceExpiresIn = 0.3;
    const shown: DeviceVerification[] = [];
    const provider = deviceGrant({
      issuer: op.issuer,
      clientId: DEVICE_CLIENT,
      allowInsecureHttp: true,
      onVerification: (v) => {
        shown.push(v);
      },
    });
    const error = await provider.getAuthHeaders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("expired");
    expect(shown[0]?.expiresIn).toBe(0.3);
    expect(op.tokenRequests[DEVICE_GRANT]).toBeGreaterThanOrEqual(1);
  });

  it("invalidate() signs out: the store entry is dropped and the next request signs in again", async () => {
    const store = new MemoryTokenStore();
    let shown = 0;
    const provider = deviceGrant({
      issuer: op.issuer,
      clientId: DEVICE_CLIENT,
      allowInsecureHttp: true,
      store,
      onVerification: async (v) => {
        shown++;
        await op.approveDevice(v.userCode);
      },
    });
    const first = await provider.getTokens();
    await provider.invalidate();
    expect(await store.get(provider.storeKey)).toBeUndefined();
    const second = await provider.getTokens();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(shown).toBe(2);
  });

  it("can be aborted while polling", async () => {
    const controller = new AbortController();
    const provider = deviceGrant({
      issuer: op.issuer,
      clientId: DEVICE_CLIENT,
      allowInsecureHttp: true,
      signal: controller.signal,
      onVerification: () => controller.abort(),
    });
    const error = await provider.getAuthHeaders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("aborted");
  });
});

describe("refresh token supplied by the caller", () => {
  it("rotates the refresh token; a spent one fails with AuthError(invalid_grant)", async () => {
    const seed = deviceGrant({
      issuer: op.issuer,
      clientId: DEVICE_CLIENT,
      allowInsecureHttp: true,
      onVerification: (v) => op.approveDevice(v.userCode),
    });
    const { refreshToken } = await seed.getTokens();
    expect(refreshToken).toBeTruthy();
    const store = new MemoryTokenStore();
    const provider = refreshTokenGrant({
      issuer: op.issuer,
      clientId: DEVICE_CLIENT,
      refreshToken: refreshToken as string,
      allowInsecureHttp: true,
      store,
    });
    const tokens = await provider.getTokens();
    expect(tokens.refreshToken).not.toBe(refreshToken);
    expect((await store.get(provider.storeKey))?.refreshToken).toBe(tokens.refreshToken);

    // somebody else reuses the original (already rotated) refresh token
    const stale = refreshTokenGrant({
      issuer: op.issuer,
      clientId: DEVICE_CLIENT,
      refreshToken: refreshToken as string,
      allowInsecureHttp: true,
    });
    const error = await stale.getAuthHeaders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("invalid_grant");
    secretsAbsent(error, [refreshToken as string]);
  });
});

describe("concurrency and failure through attachAuth", () => {
  it("500 concurrent requests with an expired token cause exactly one token request, and all succeed", async () => {
    const clock = testClock();
    const provider = passwordGrant({
      issuer: op.issuer,
      clientId: PASSWORD_CLIENT,
      username: "alice",
      password: USERS.alice,
      scope: "openid offline_access",
      allowInsecureHttp: true,
      now: clock.now,
    });
    await provider.getTokens();
    clock.advance(3600);
    const before = op.totalTokenRequests();
    // two client packages sharing one provider
    const dm = axios.create({ baseURL: api.origin });
    const as = axios.create({ baseURL: api.origin });
    attachAuth(dm, provider);
    attachAuth(as, provider);
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => (i % 2 ? dm : as).get(`/r/${i}`)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(op.totalTokenRequests() - before).toBe(1);
    expect(op.tokenRequests.refresh_token).toBe(1);
  });

  it("500 concurrent requests refused with 401 (token revoked) cause one renewal and all succeed on retry", async () => {
    const provider = clientCredentials({
      issuer: op.issuer,
      clientId: SERVICE_CLIENT.id,
      clientSecret: SERVICE_CLIENT.secret,
      allowInsecureHttp: true,
    });
    const { accessToken } = await provider.getTokens();
    await (await op.provider.ClientCredentials.find(accessToken)).destroy();
    const http = axios.create({ baseURL: api.origin });
    attachAuth(http, provider);
    const before = api.seen.length;
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => http.get(`/x/${i}`)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(op.tokenRequests.client_credentials).toBe(2);
    expect(api.seen.length - before).toBe(1000);
  });

  it("an always-refusing token endpoint: every request fails once with AuthError, token requests stay bounded", async () => {
    const clock = testClock();
    const provider = passwordGrant({
      issuer: op.issuer,
      clientId: PASSWORD_CLIENT,
      username: "alice",
      password: USERS.alice,
      scope: "openid offline_access",
      allowInsecureHttp: true,
      now: clock.now,
    });
    await provider.getTokens();
    clock.advance(3600);
    op.refuseAll = "invalid_grant";
    const before = op.totalTokenRequests();
    const http = axios.create({ baseURL: api.origin });
    attachAuth(http, provider);
    const apiBefore = api.seen.length;
    const outcomes = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => http.get(`/y/${i}`)));
    expect(outcomes.every((o) => o.status === "rejected" && o.reason instanceof AuthError)).toBe(true);
    // one shared renewal: the refresh token is refused, then the password grant is refused
    expect(op.totalTokenRequests() - before).toBe(2);
    for (let i = 0; i < 5; i++) {
      const error = await http.get(`/z/${i}`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthError);
      secretsAbsent(error, [USERS.alice as string]);
    }
    expect(op.totalTokenRequests() - before).toBe(2 + 5);
    // no request reached the API without credentials
    expect(api.seen.length).toBe(apiBefore);
  });
});
