/// <reference path="./oidc-provider.d.ts" />
// A real OpenID provider for the tests of @sciclients/auth and of the client
// packages' settings resolvers (`@sciclients/test-utils/oidc-server`).
import { createHash, generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { errors } from "oidc-provider";

export const USERS: Record<string, string> = { alice: "alice-password-Secr3t", bob: "bob-password-Secr3t" };
export const SERVICE_CLIENT = { id: "service-account", secret: "service-client-secret-xyz" };
/** The same kind of service account, registered for HTTP Basic client authentication. */
export const SERVICE_BASIC_CLIENT = { id: "service-account-basic", secret: "service-basic-secret-xyz" };
export const DEVICE_CLIENT = "device-public";
export const PASSWORD_CLIENT = "squonk-public";
export const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

export interface OidcTestServer {
  issuer: string;
  /** The server's origin: with a realm, the Keycloak URL whose `/realms/<realm>` is the issuer. */
  keycloakUrl: string;
  provider: Provider;
  /** Token endpoint requests by grant_type. */
  tokenRequests: Record<string, number>;
  totalTokenRequests(): number;
  /** Every device authorization request's PKCE challenge (undefined when none was sent). */
  deviceChallenges: (string | undefined)[];
  /** Polls that carried a verifier matching the challenge. */
  pkceVerified: number;
  /** When set, the token endpoint answers this OAuth error (HTTP 400) to every request. */
  refuseAll: string | undefined;
  /** When set, the token endpoint answers every request with this status, content type and body (an outage, a proxy's page). */
  tokenAnswer: { status: number; contentType: string; body: string } | undefined;
  /** Answer `slow_down` to this many device-code polls. */
  slowDownPolls: number;
  /** When set, device authorization answers announce this `expires_in` (seconds) instead of the real one. */
  deviceExpiresIn: number | undefined;
  /** Approves a pending device sign-in as `accountId`. */
  approveDevice(userCode: string, accountId?: string): Promise<void>;
  /** Denies a pending device sign-in. */
  denyDevice(userCode: string): Promise<void>;
  /** Whether an access token is currently valid. */
  isValidAccessToken(token: string): Promise<boolean>;
  close(): Promise<void>;
}

function readBody(req: import("node:http").IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function normalizeUserCode(code: string): string {
  return code.toUpperCase().replace(/\W/g, "");
}

/**
 * A real, certified OpenID provider (oidc-provider 8.8.1) on 127.0.0.1 with
 * discovery, the device grant (device interval shortened to 50 ms), refresh
 * token rotation, client credentials and a password grant registered as a
 * custom grant. PKCE on the device grant is checked here because the
 * provider drops `code_challenge` at its device endpoint.
 */
/** A file the test server serves itself (by path) instead of handing the request to the provider. */
export interface TestPage {
  contentType: string;
  body: string;
}

/**
 * `pages` are served from the issuer's own origin, so a page in a browser can use
 * the provider without CORS (the browser test's tabs are such pages).
 */
export async function startOidcServer(pages: Record<string, TestPage> = {}, options: { realm?: string } = {}): Promise<OidcTestServer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  // With a realm the provider lives under /realms/<realm>, as a Keycloak realm does.
  const mountPath = options.realm ? `/realms/${encodeURIComponent(options.realm)}` : "";
  const issuer = `${origin}${mountPath}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: "test-key", use: "sig", alg: "RS256" };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: DEVICE_CLIENT,
        token_endpoint_auth_method: "none",
        grant_types: [DEVICE_GRANT, "refresh_token"],
        response_types: [],
        redirect_uris: [],
      },
      {
        client_id: SERVICE_CLIENT.id,
        client_secret: SERVICE_CLIENT.secret,
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
      },
      {
        client_id: SERVICE_BASIC_CLIENT.id,
        client_secret: SERVICE_BASIC_CLIENT.secret,
        token_endpoint_auth_method: "client_secret_basic",
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
      },
      {
        client_id: PASSWORD_CLIENT,
        token_endpoint_auth_method: "none",
        grant_types: ["password", "refresh_token"],
        response_types: [],
        redirect_uris: [],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ["test-cookie-key"] },
    features: {
      devInteractions: { enabled: false },
      deviceFlow: { enabled: true },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
    },
    scopes: ["openid", "offline_access", "api"],
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }, code: { scopes: Set<string> }) =>
      client.grantTypeAllowed("refresh_token") && code.scopes.has("offline_access"),
    findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => ({ sub: id }) }),
    pkce: { required: () => false },
    // Browser pages may call the token endpoint from the issuer's own origin (what a
    // real provider's "web origins" setting allows; the browser test's tabs live there).
    clientBasedCORS: (_ctx: unknown, origin: string) => origin === issuer,
    ttl: { AccessToken: 3600, IdToken: 3600, DeviceCode: 600, RefreshToken: 86400, ClientCredentials: 3600, Grant: 86400 },
  });

  const state: OidcTestServer = {
    issuer,
    keycloakUrl: origin,
    provider,
    tokenRequests: {},
    totalTokenRequests: () => Object.values(state.tokenRequests).reduce((a, b) => a + b, 0),
    deviceChallenges: [],
    pkceVerified: 0,
    refuseAll: undefined,
    tokenAnswer: undefined,
    slowDownPolls: 0,
    deviceExpiresIn: undefined,
    async approveDevice(userCode, accountId = "alice") {
      const code = await provider.DeviceCode.findByUserCode(normalizeUserCode(userCode));
      if (!code) throw new Error(`no device code for ${userCode}`);
      const scope: string = code.params.scope ?? "openid";
      const grant = new provider.Grant({ accountId, clientId: code.clientId });
      grant.addOIDCScope(scope);
      const grantId: string = await grant.save();
      Object.assign(code, { accountId, grantId, scope, authTime: Math.floor(Date.now() / 1000) });
      await code.save();
    },
    async denyDevice(userCode) {
      const code = await provider.DeviceCode.findByUserCode(normalizeUserCode(userCode));
      Object.assign(code, { error: "access_denied", errorDescription: "the user said no" });
      await code.save();
    },
    async isValidAccessToken(token) {
      const at = (await provider.AccessToken.find(token)) ?? (await provider.ClientCredentials.find(token));
      return Boolean(at && !at.isExpired);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  // PKCE for the device grant, counting, and fault injection. The raw body is read here and handed on.
  const challenges = new Map<string, string>();
  provider.use(async (ctx, next) => {
    if (ctx.method !== "POST" || (ctx.path !== "/token" && ctx.path !== "/device/auth")) return next();
    const raw = await readBody(ctx.req);
    ctx.request.body = raw;
    const form = new URLSearchParams(raw);
    if (ctx.path === "/device/auth") {
      await next();
      const challenge = form.get("code_challenge") ?? undefined;
      state.deviceChallenges.push(challenge);
      if (ctx.status === 200 && ctx.body && typeof ctx.body === "object") {
        if (challenge) challenges.set(ctx.body.device_code, challenge);
        ctx.body = { ...ctx.body, interval: 0.05, ...(state.deviceExpiresIn ? { expires_in: state.deviceExpiresIn } : {}) };
      }
      return;
    }
    const grantType = form.get("grant_type") ?? "?";
    state.tokenRequests[grantType] = (state.tokenRequests[grantType] ?? 0) + 1;
    if (state.tokenAnswer) {
      ctx.status = state.tokenAnswer.status;
      ctx.type = state.tokenAnswer.contentType;
      ctx.body = state.tokenAnswer.body;
      return;
    }
    if (state.refuseAll) {
      ctx.status = 400;
      ctx.body = { error: state.refuseAll, error_description: "refused by the test" };
      return;
    }
    if (grantType === DEVICE_GRANT) {
      if (state.slowDownPolls > 0) {
        state.slowDownPolls--;
        ctx.status = 400;
        ctx.body = { error: "slow_down" };
        return;
      }
      const challenge = challenges.get(form.get("device_code") ?? "");
      if (challenge) {
        const verifier = form.get("code_verifier") ?? "";
        const computed = createHash("sha256").update(verifier).digest("base64url");
        if (computed !== challenge) {
          ctx.status = 400;
          ctx.body = { error: "invalid_grant", error_description: "PKCE verification failed" };
          return;
        }
        state.pkceVerified++;
      }
    }
    return next();
  });

  provider.registerGrantType(
    "password",
    async (ctx, next) => {
      const { username, password } = ctx.oidc.params as { username?: string; password?: string };
      if (!username || USERS[username] === undefined || USERS[username] !== password) {
        throw new errors.InvalidGrant("invalid username or password");
      }
      const client = ctx.oidc.client;
      const requested = String(ctx.oidc.params.scope ?? "openid");
      const grant = new provider.Grant({ accountId: username, clientId: client.clientId });
      grant.addOIDCScope(requested);
      const grantId: string = await grant.save();
      const at = new provider.AccessToken({ accountId: username, client, grantId, gty: "password", scope: requested });
      const accessToken: string = await at.save();
      const body: Record<string, unknown> = {
        access_token: accessToken,
        token_type: "Bearer",
        expires_in: at.expiration,
        scope: requested,
      };
      if (requested.split(" ").includes("offline_access")) {
        const rt = new provider.RefreshToken({
          accountId: username,
          client,
          grantId,
          gty: "password",
          scope: requested,
          authTime: Math.floor(Date.now() / 1000),
        });
        body.refresh_token = await rt.save();
      }
      ctx.body = body;
      await next();
    },
    ["username", "password", "scope"],
  );

  const oidc = provider.callback();
  server.on("request", (req, res) => {
    const page = pages[new URL(req.url ?? "/", issuer).pathname];
    if (!page) {
      if (!mountPath) return oidc(req, res);
      const url = req.url ?? "/";
      if (!url.startsWith(`${mountPath}/`)) return res.writeHead(404).end();
      // mounted the way Express mounts an app, which the provider reads to build its URLs
      Object.assign(req, { originalUrl: url, baseUrl: mountPath, url: url.slice(mountPath.length) });
      return oidc(req, res);
    }
    res.writeHead(200, { "content-type": page.contentType, "cache-control": "no-store" }).end(page.body);
  });
  return state;
}
