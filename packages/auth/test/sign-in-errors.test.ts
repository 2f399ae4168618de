// Every way a sign-in can fail ends in one AuthError shape: a `code` saying
// what went wrong, `status` whenever an HTTP answer came back, `service` when
// the caller named it, a secret-free `cause`, and a message in plain words.
// The OpenID provider is the real oidc-provider on 127.0.0.1; the dserver token
// generator and the broken servers are node:http servers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError, clientCredentials, dserverTokenGenerator, passwordGrant, refreshTokenGrant } from "../src/index.js";
import {
  type OidcTestServer,
  PASSWORD_CLIENT,
  SERVICE_BASIC_CLIENT,
  SERVICE_CLIENT,
  startOidcServer,
  USERS,
} from "./helpers/oidc-server.js";

let op: OidcTestServer;

interface HttpStub {
  origin: string;
  answer: (req: IncomingMessage, res: ServerResponse, body: string) => void;
  close(): Promise<void>;
}

/** A node:http server whose answer each test sets. */
async function startStub(): Promise<HttpStub> {
  const stub = {
    origin: "",
    answer: (_req: IncomingMessage, res: ServerResponse) => res.writeHead(500).end(),
    close: () => Promise.resolve(),
  } as HttpStub;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => stub.answer(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stub.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return stub;
}

let stub: HttpStub;

beforeAll(async () => {
  op = await startOidcServer();
  stub = await startStub();
});
afterAll(async () => {
  await stub.close();
  await op.close();
});
beforeEach(() => {
  op.tokenAnswer = undefined;
  op.refuseAll = undefined;
  for (const key of Object.keys(op.tokenRequests)) delete op.tokenRequests[key];
});

async function failure(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

/** Secrets appear nowhere; the message is our own plain words (no redaction marks, no library codes). */
function plainAndSecretFree(error: AuthError, secrets: string[]): void {
  const text = `${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 10 })}`;
  for (const secret of secrets) expect(text).not.toContain(secret);
  expect(error.message).not.toContain("[REDACTED]");
  expect(error.message).not.toMatch(/OAUTH_|\(undefined\)|\[object /);
}

describe("wrong client secret: invalid_client for both client authentication methods", () => {
  it.each([
    ["client_secret_post", SERVICE_CLIENT.id],
    ["client_secret_basic", SERVICE_BASIC_CLIENT.id],
  ] as const)("%s", async (clientAuthMethod, clientId) => {
    const secret = "not-the-Secret-1234";
    const provider = clientCredentials({
      issuer: op.issuer,
      clientId,
      clientSecret: secret,
      clientAuthMethod,
      allowInsecureHttp: true,
      service: "iceprod",
    });
    const error = await failure(provider.getAuthHeaders());
    expect(error.code).toBe("invalid_client");
    expect(error.status).toBe(401);
    expect(error.oauthError).toBe("invalid_client");
    expect(error.service).toBe("iceprod");
    expect(error.provider).toBe("client-credentials");
    expect(error.cause).toBeDefined();
    expect(error.message).toContain(clientId);
    expect(error.message).toMatch(/client ID or client secret/);
    plainAndSecretFree(error, [secret]);
  });

  it("the right secret works with both methods", async () => {
    const post = clientCredentials({
      issuer: op.issuer,
      clientId: SERVICE_CLIENT.id,
      clientSecret: SERVICE_CLIENT.secret,
      allowInsecureHttp: true,
    });
    const basic = clientCredentials({
      issuer: op.issuer,
      clientId: SERVICE_BASIC_CLIENT.id,
      clientSecret: SERVICE_BASIC_CLIENT.secret,
      clientAuthMethod: "client_secret_basic",
      allowInsecureHttp: true,
    });
    expect((await post.getAuthHeaders()).Authorization).toMatch(/^Bearer /);
    expect((await basic.getAuthHeaders()).Authorization).toMatch(/^Bearer /);
  });
});

describe("wrong password: invalid_grant for every grant", () => {
  it("OIDC password grant", async () => {
    const provider = passwordGrant({
      issuer: op.issuer,
      clientId: PASSWORD_CLIENT,
      username: "alice",
      password: "wrong-Pa55word-value",
      allowInsecureHttp: true,
      service: "data-manager",
    });
    const error = await failure(provider.getAuthHeaders());
    expect(error.code).toBe("invalid_grant");
    expect(error.status).toBe(400);
    expect(error.service).toBe("data-manager");
    expect(error.message).toContain("alice");
    plainAndSecretFree(error, ["wrong-Pa55word-value"]);
  });

  it("a refused refresh token given by the caller", async () => {
    const provider = refreshTokenGrant({
      issuer: op.issuer,
      clientId: PASSWORD_CLIENT,
      refreshToken: "spent-refresh-token-value",
      allowInsecureHttp: true,
    });
    const error = await failure(provider.getAuthHeaders());
    expect(error.code).toBe("invalid_grant");
    expect(error.status).toBe(400);
    plainAndSecretFree(error, ["spent-refresh-token-value"]);
  });

  it.each([
    ["HTTP 200 with a status other than success (what dserver's generator answers)", 200, { status: "fail" }],
    ["HTTP 401", 401, { status: "fail" }],
    ["HTTP 403", 403, { msg: "forbidden" }],
  ] as const)("dserver token generator: %s", async (_name, status, body) => {
    const password = "dserver-Pa55word!";
    let received: unknown;
    stub.answer = (_req, res, text) => {
      received = JSON.parse(text);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    const provider = dserverTokenGenerator({ tokenGeneratorUrl: `${stub.origin}/token`, username: "alice", password, service: "dserver" });
    const error = await failure(provider.getAuthHeaders());
    expect(received).toEqual({ username: "alice", password });
    expect(error.code).toBe("invalid_grant");
    expect(error.status).toBe(status);
    expect(error.service).toBe("dserver");
    expect(error.message).toContain("alice");
    expect(error.message).toContain("dserver token generator");
    plainAndSecretFree(error, [password]);
  });
});

describe("a failing token endpoint: status set and a readable message", () => {
  it.each([
    [503, "text/html", "<html><body>Service Unavailable</body></html>"],
    [500, "application/json", JSON.stringify({ message: "database down" })],
    [502, "text/plain", ""],
  ] as const)("OpenID provider answering %i (%s)", async (status, contentType, body) => {
    op.tokenAnswer = { status, contentType, body };
    const provider = passwordGrant({
      issuer: op.issuer,
      clientId: PASSWORD_CLIENT,
      username: "bob",
      password: USERS.bob as string,
      allowInsecureHttp: true,
    });
    const error = await failure(provider.getAuthHeaders());
    expect(error.code).toBe("token_request_failed");
    expect(error.status).toBe(status);
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.message).toContain(`${op.issuer}/token`);
    plainAndSecretFree(error, [USERS.bob as string]);
  });

  it("an OAuth error other than the credential ones keeps the OAuth code", async () => {
    op.refuseAll = "temporarily_unavailable";
    const provider = clientCredentials({
      issuer: op.issuer,
      clientId: SERVICE_CLIENT.id,
      clientSecret: SERVICE_CLIENT.secret,
      allowInsecureHttp: true,
    });
    const error = await failure(provider.getAuthHeaders());
    expect(error.code).toBe("token_request_failed");
    expect(error.status).toBe(400);
    expect(error.oauthError).toBe("temporarily_unavailable");
    plainAndSecretFree(error, [SERVICE_CLIENT.secret]);
  });

  it("HTTP 200 that is not a token answer: invalid_response with the status", async () => {
    op.tokenAnswer = { status: 200, contentType: "text/html", body: "<html>Your session expired</html>" };
    const provider = passwordGrant({
      issuer: op.issuer,
      clientId: PASSWORD_CLIENT,
      username: "bob",
      password: USERS.bob as string,
      allowInsecureHttp: true,
    });
    const error = await failure(provider.getAuthHeaders());
    expect(error.code).toBe("invalid_response");
    expect(error.status).toBe(200);
    plainAndSecretFree(error, [USERS.bob as string]);
  });

  it.each([
    [503, "text/html", "<h1>down</h1>", "token_request_failed"],
    [200, "text/html", "<html>sign in</html>", "invalid_response"],
    [200, "application/json", JSON.stringify({ status: "success" }), "invalid_response"],
  ] as const)("dserver token generator answering %i %s: %s", async (status, contentType, body, code) => {
    stub.answer = (_req, res) => res.writeHead(status, { "content-type": contentType }).end(body);
    const provider = dserverTokenGenerator({ tokenGeneratorUrl: `${stub.origin}/token`, username: "alice", password: "pw-Secr3t-value" });
    const error = await failure(provider.getAuthHeaders());
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.message).toContain(`${stub.origin}/token`);
    plainAndSecretFree(error, ["pw-Secr3t-value"]);
  });
});

describe("no answer", () => {
  it("a server that never answers: timeout (OpenID provider and dserver generator)", async () => {
    stub.answer = () => {}; // never answers
    const oidc = passwordGrant({
      issuer: stub.origin,
      clientId: "c",
      username: "u",
      password: "p-Secr3t-value",
      allowInsecureHttp: true,
      timeoutSeconds: 0.2,
    });
    const oidcError = await failure(oidc.getAuthHeaders());
    expect(oidcError.code).toBe("timeout");
    expect(oidcError.status).toBeUndefined();
    expect(oidcError.message).toMatch(/no answer within 0\.2 s/);
    const generator = dserverTokenGenerator({
      tokenGeneratorUrl: `${stub.origin}/token`,
      username: "u",
      password: "p-Secr3t-value",
      timeoutSeconds: 0.2,
    });
    const generatorError = await failure(generator.getAuthHeaders());
    expect(generatorError.code).toBe("timeout");
    plainAndSecretFree(generatorError, ["p-Secr3t-value"]);
  });

  it("nothing listening: network_error", async () => {
    const provider = dserverTokenGenerator({ tokenGeneratorUrl: "http://127.0.0.1:1/token", username: "u", password: "p-Secr3t-value" });
    const error = await failure(provider.getAuthHeaders());
    expect(error.code).toBe("network_error");
    expect(error.status).toBeUndefined();
    plainAndSecretFree(error, ["p-Secr3t-value"]);
  });
});

describe("no credentials: no_credentials, saying how to supply them", () => {
  const issuer = "https://sso.example.org/realms/r";
  it.each([
    ["password grant without a password", () => passwordGrant({ issuer, clientId: "c", username: "alice" }), /`password`.*`credentials`/],
    [
      "password grant with an empty password",
      () => passwordGrant({ issuer, clientId: "c", username: "alice", password: "" }),
      /`password`/,
    ],
    ["password grant without a username", () => passwordGrant({ issuer, clientId: "c", password: "x-Secr3t" }), /`username`/],
    ["client credentials with an empty secret", () => clientCredentials({ issuer, clientId: "c", clientSecret: "" }), /`clientSecret`/],
    [
      "refresh token grant with an empty refresh token",
      () => refreshTokenGrant({ issuer, clientId: "c", refreshToken: "" }),
      /`refreshToken`/,
    ],
    [
      "dserver generator without a password",
      () => dserverTokenGenerator({ tokenGeneratorUrl: "https://d.example/token", username: "alice" }),
      /`password`.*`credentials`/,
    ],
    [
      "dserver generator with an empty username",
      () => dserverTokenGenerator({ tokenGeneratorUrl: "https://d.example/token", username: "", password: "x-Secr3t" }),
      /`username`/,
    ],
  ])("%s", (_name, make, how) => {
    let error: unknown;
    try {
      make();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("no_credentials");
    expect((error as AuthError).message).toMatch(how);
    plainAndSecretFree(error as AuthError, ["x-Secr3t"]);
  });

  it("a credentials callback that gives an empty password", async () => {
    const provider = passwordGrant({
      issuer: op.issuer,
      clientId: PASSWORD_CLIENT,
      allowInsecureHttp: true,
      credentials: () => ({ username: "alice", password: "" }),
    });
    const error = await failure(provider.getAuthHeaders());
    expect(error.code).toBe("no_credentials");
    expect(error.message).toContain("alice");
    expect(op.totalTokenRequests()).toBe(0);
  });
});

describe("plain http", () => {
  it("an http issuer without allowInsecureHttp names the option", async () => {
    const provider = clientCredentials({
      issuer: op.issuer,
      clientId: SERVICE_CLIENT.id,
      clientSecret: SERVICE_CLIENT.secret,
      service: "iceprod",
    });
    const error = await failure(provider.getAuthHeaders());
    expect(error.code).toBe("configuration");
    expect(error.service).toBe("iceprod");
    expect(error.message).toContain(op.issuer);
    expect(error.message).toContain("allowInsecureHttp");
    plainAndSecretFree(error, [SERVICE_CLIENT.secret]);
  });
});
