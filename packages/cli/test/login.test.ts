// `sciclients login / whoami / logout` through the built bin: real sign-ins
// against the OpenID test server (password and device grants), a loopback
// dserver token generator and a DSS that checks its key; then commands that
// must carry the saved credentials to the recorded address only.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEVICE_CLIENT, type OidcTestServer, PASSWORD_CLIENT, startOidcServer, USERS } from "@sciclients/test-utils/oidc-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const REALM = "squonk";
const DSERVER_TOKEN = "dserver-token-for-alice-never-printed";
const DSS_KEY = "dss-api-key-never-printed";
const ALICE = USERS.alice as string;
/** Each test starts the bin several times; on a busy machine one start can take seconds. */
const SLOW = { timeout: 300_000 };

let oidc: OidcTestServer;
let api: Server;
let base = "";
let config = "";
const seen: { path: string; auth: string | undefined }[] = [];

function answer(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** The APIs and dserver's token generator, on one loopback server under their own paths. */
function handle(req: IncomingMessage, res: ServerResponse, body: string) {
  const path = new URL(req.url ?? "/", base).pathname;
  seen.push({ path, auth: req.headers.authorization });
  if (path === "/dserver-token" && req.method === "POST") {
    const { username, password } = JSON.parse(body) as { username?: string; password?: string };
    return username === "alice" && password === ALICE
      ? answer(res, 200, { token: DSERVER_TOKEN })
      : answer(res, 200, { status: "fail", token: "" });
  }
  if (path.startsWith("/dss/public/api/")) {
    if (req.headers.authorization !== `Basic ${Buffer.from(`${DSS_KEY}:`).toString("base64")}`)
      return answer(res, 401, { message: "bad key" });
    return answer(res, 200, path.endsWith("/auth/info") ? { authIdentifier: "alice" } : []);
  }
  if (path === "/dm/version") return answer(res, 200, { version: "9.9.9" });
  if (path === "/dserver/me") return answer(res, 200, { username: "alice" });
  if (path === "/iceprod/roles") return answer(res, 200, {});
  if (path === "/as/event-stream/version") return answer(res, 200, { version: "1.0" });
  return answer(res, 404, { message: `no route ${path}` });
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the bin with stdin (not a terminal) and the test's config folder; `onStderr` sees stderr as it comes. */
function run(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string; onStderr?: (text: string) => void } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? "", SCICLIENTS_ALLOW_HTTP: "1", HOME: config, XDG_CONFIG_HOME: config, ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(stderr);
    });
    child.stdin.end(options.stdin ?? "");
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

const squonkEnv = () => ({
  SQUONK2_DMAPI_URL: `${base}/dm`,
  SQUONK2_KEYCLOAK_URL: oidc.keycloakUrl,
  SQUONK2_KEYCLOAK_REALM: REALM,
  SQUONK2_KEYCLOAK_CLIENT_ID: PASSWORD_CLIENT,
});
const tokenFile = () => join(config, "sciclients", "cli-tokens.json");
const signInsFile = () => join(config, "sciclients", "cli-sign-ins.json");
const savedTokens = (file = tokenFile()) =>
  (
    JSON.parse(readFileSync(file, "utf8")) as {
      entries: Record<string, { accessToken: string; refreshToken?: string; expiresAt?: number }>;
    }
  ).entries;

function expectNoSecret(result: Run, secrets: (string | undefined)[]) {
  for (const secret of secrets.filter((s): s is string => typeof s === "string" && s !== "")) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
}

beforeAll(async () => {
  oidc = await startOidcServer({}, { realm: REALM });
  api = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise<void>((resolve) => api.close(() => resolve()));
  await oidc.close();
});
beforeEach(() => {
  config = mkdtempSync(join(tmpdir(), "sciclients-login-"));
  seen.length = 0;
  return () => rmSync(config, { recursive: true, force: true });
});

describe("sciclients login (Squonk2 password grant)", SLOW, () => {
  it("signs in, says who, sends the saved token to the recorded address, refreshes it, signs out", async () => {
    const login = await run(["login", "data-manager", "--username", "alice", "--password-stdin"], {
      env: squonkEnv(),
      stdin: `${ALICE}\n`,
    });
    expect(login.code, login.stderr).toBe(0);
    expect(statSync(tokenFile()).mode & 0o777).toBe(0o600);
    expect(statSync(signInsFile()).mode & 0o777).toBe(0o600);
    const [first] = Object.values(savedTokens());
    expect(first?.refreshToken).toBeTruthy();
    expect(readFileSync(signInsFile(), "utf8")).not.toContain(first?.accessToken as string);

    const who = await run(["whoami"]);
    expect(who.code).toBe(0);
    expect(who.stdout).toContain(`data-manager: alice at ${base}/dm (password sign-in at ${oidc.keycloakUrl}/realms/${REALM}`);
    expect(who.stdout).toMatch(/access token valid until \d{4}-\d\d-\d\dT/);

    // No settings at all: the saved sign-in alone says where and with what.
    const version = await run(["data-manager", "get-version"]);
    expect(version.code, version.stderr).toBe(0);
    expect(JSON.parse(version.stdout)).toEqual({ version: "9.9.9" });
    expect(seen.find((r) => r.path === "/dm/version")?.auth).toBe(`Bearer ${first?.accessToken}`);

    // An expired access token is renewed through the refresh token, and the new one is saved.
    const entries = savedTokens();
    const key = Object.keys(entries)[0] as string;
    writeFileSync(tokenFile(), JSON.stringify({ version: 1, entries: { [key]: { ...entries[key], expiresAt: Date.now() - 1000 } } }));
    const refreshes = oidc.tokenRequests.refresh_token ?? 0;
    seen.length = 0;
    const again = await run(["data-manager", "get-version"]);
    expect(again.code, again.stderr).toBe(0);
    expect(oidc.tokenRequests.refresh_token).toBe(refreshes + 1);
    const renewed = savedTokens()[key];
    expect(renewed?.accessToken).not.toBe(first?.accessToken);
    expect(seen.find((r) => r.path === "/dm/version")?.auth).toBe(`Bearer ${renewed?.accessToken}`);

    // Another address never gets the saved credentials.
    seen.length = 0;
    const elsewhere = await run(["data-manager", "get-version", "--base-url", `${base}/elsewhere`]);
    expect(elsewhere.stderr).toContain(`the saved sign-in of data-manager is for ${base}/dm only and is NOT sent to ${base}/elsewhere`);
    expect(seen.every((r) => r.auth === undefined)).toBe(true);

    for (const result of [login, who, version, again, elsewhere]) {
      expectNoSecret(result, [ALICE, first?.accessToken, first?.refreshToken, renewed?.accessToken, renewed?.refreshToken]);
    }

    const logout = await run(["logout", "data-manager"]);
    expect(logout.code).toBe(0);
    expect(existsSync(tokenFile())).toBe(false);
    expect(existsSync(signInsFile())).toBe(false);
    expect((await run(["whoami"])).stdout).toBe("Not signed in to any service.\n");
    const after = await run(["whoami", "data-manager"]);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain("not signed in to data-manager");
  });

  it("--device signs in to Squonk2 through the device grant of the same realm", async () => {
    const env = {
      SQUONK2_ASAPI_URL: `${base}/as`,
      SQUONK2_KEYCLOAK_URL: oidc.keycloakUrl,
      SQUONK2_KEYCLOAK_REALM: REALM,
      SQUONK2_KEYCLOAK_CLIENT_ID: DEVICE_CLIENT,
    };
    let approving: Promise<void> | undefined;
    const login = await run(["login", "account-server", "--device"], {
      env,
      onStderr: (text) => {
        const code = /enter the code (\S+) /.exec(text)?.[1];
        if (code && !approving) approving = oidc.approveDevice(code, "alice");
      },
    });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain("To sign in to account-server, open");
    const [tokens] = Object.values(savedTokens());
    expect((await run(["whoami", "account-server"])).stdout).toContain(`${base}/as (device sign-in at ${oidc.keycloakUrl}/realms/${REALM}`);
    const version = await run(["account-server", "get-event-stream-version"]);
    expect(version.code, version.stderr).toBe(0);
    expect(seen.find((r) => r.path === "/as/event-stream/version")?.auth).toBe(`Bearer ${tokens?.accessToken}`);
    for (const result of [login, version]) expectNoSecret(result, [tokens?.accessToken, tokens?.refreshToken]);
  });

  it("refuses a wrong password with exit 1, naming the service and not the password", async () => {
    const wrong = "not-alices-password-42";
    const result = await run(["login", "data-manager", "--username", "alice", "--password-stdin"], {
      env: squonkEnv(),
      stdin: `${wrong}\n`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("data-manager");
    expect(result.stderr).toMatch(/username or password/);
    expectNoSecret(result, [wrong]);
    expect(existsSync(signInsFile())).toBe(false);
  });

  it("names what to give when there is no terminal to ask on (exit 2)", async () => {
    const noUser = await run(["login", "data-manager"], { env: squonkEnv() });
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toContain("give --username");
    const noPassword = await run(["login", "data-manager", "--username", "alice"], { env: squonkEnv() });
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain("give --password-stdin");
    const noAddress = await run(["login", "data-manager", "--username", "alice", "--password-stdin"], { stdin: `${ALICE}\n` });
    expect(noAddress.code).toBe(2);
    expect(noAddress.stderr).toContain("SQUONK2_DMAPI_URL");
  });

  it("suggests the nearest service for an unknown one (exit 2)", async () => {
    const result = await run(["login", "dserve"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown service 'dserve' (Did you mean dserver?)");
  });
});

describe("sciclients login (device grant, dserver, DSS)", SLOW, () => {
  it("IceProd: prints the verification URL and code, waits for approval, saves to ICEPROD_TOKEN_FILE", async () => {
    const env = {
      ICEPROD_API_URL: `${base}/iceprod`,
      ICEPROD_KEYCLOAK_URL: oidc.keycloakUrl,
      ICEPROD_KEYCLOAK_REALM: REALM,
      ICEPROD_CLIENT_ID: DEVICE_CLIENT,
    };
    let approving: Promise<void> | undefined;
    const login = await run(["login", "iceprod"], {
      env,
      onStderr: (text) => {
        const code = /enter the code (\S+) /.exec(text)?.[1];
        if (code && !approving) approving = oidc.approveDevice(code, "alice");
      },
    });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toMatch(/To sign in to iceprod, open http:\/\/127\.0\.0\.1:\d+\/\S+ and enter the code/);
    const file = join(config, "sciclients", "iceprod-tokens.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const [tokens] = Object.values(savedTokens(file));
    expect(tokens?.refreshToken).toBeTruthy();

    const who = await run(["whoami", "iceprod"]);
    expect(who.stdout).toContain(`iceprod: `);
    expect(who.stdout).toContain(`${base}/iceprod (device sign-in at ${oidc.keycloakUrl}/realms/${REALM}, client ${DEVICE_CLIENT}`);

    const roles = await run(["iceprod", "list-roles"]);
    expect(roles.code, roles.stderr).toBe(0);
    expect(seen.find((r) => r.path === "/iceprod/roles")?.auth).toBe(`Bearer ${tokens?.accessToken}`);
    for (const result of [login, who, roles]) expectNoSecret(result, [tokens?.accessToken, tokens?.refreshToken]);

    expect((await run(["logout"])).code).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it("dserver: the token generator's token is saved and sent", async () => {
    const env = { DSERVER_URL: `${base}/dserver`, DSERVER_TOKEN_GENERATOR_URL: `${base}/dserver-token` };
    const refused = await run(["login", "dserver", "--username", "alice", "--password-stdin"], { env, stdin: "wrong-one\n" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("did not accept the username or password");
    expectNoSecret(refused, ["wrong-one"]);

    const login = await run(["login", "dserver", "--username", "alice", "--password-stdin"], { env, stdin: `${ALICE}\n` });
    expect(login.code, login.stderr).toBe(0);
    const me = await run(["dserver", "get-me"]);
    expect(me.code, me.stderr).toBe(0);
    expect(seen.find((r) => r.path === "/dserver/me")?.auth).toBe(`Bearer ${DSERVER_TOKEN}`);
    expect((await run(["whoami", "dserver"])).stdout).toContain(`dserver: alice at ${base}/dserver (dserver token generator`);
    for (const result of [login, me]) expectNoSecret(result, [ALICE, DSERVER_TOKEN]);
  });

  it("DSS: the key is checked at sign-in, saved and sent as DSS expects", async () => {
    const env = { DSS_HOST: `${base}/dss` };
    const refused = await run(["login", "dss", "--password-stdin"], { env, stdin: "not-the-key\n" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("refused the API key");
    expectNoSecret(refused, ["not-the-key"]);

    const login = await run(["login", "dss", "--password-stdin"], { env, stdin: `${DSS_KEY}\n` });
    expect(login.code, login.stderr).toBe(0);
    const projects = await run(["dss", "list-projects"]);
    expect(projects.code, projects.stderr).toBe(0);
    expect(seen.filter((r) => r.path === "/dss/public/api/projects/").at(-1)?.auth).toBe(
      `Basic ${Buffer.from(`${DSS_KEY}:`).toString("base64")}`,
    );
    const who = await run(["whoami"]);
    expect(who.stdout).toContain(`dss: alice at ${base}/dss/public/api (API key, sent as basic`);
    for (const result of [login, projects, who]) expectNoSecret(result, [DSS_KEY, Buffer.from(`${DSS_KEY}:`).toString("base64")]);

    // The host as --base-url is the recorded address too.
    expect((await run(["dss", "list-projects", "--base-url", `${base}/dss`])).code).toBe(0);
  });
});
