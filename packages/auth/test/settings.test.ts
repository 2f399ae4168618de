// The generic settings machinery the client packages' resolvers are built on:
// precedence, errors naming the setting and its source, plain http, TLS,
// prompting, and the Keycloak sign-in chosen from settings, signed in for
// real against the test OpenID provider mounted as a Keycloak realm on http.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  ALLOW_HTTP_VARIABLE,
  AuthError,
  ClientCredentialsProvider,
  DeviceGrantProvider,
  type KeycloakSettingNames,
  keycloakSignIn,
  MemoryTokenStore,
  PasswordGrantProvider,
  type ResolveSettingsOptions,
  SettingsReader,
} from "../src/node.js";
import { type OidcTestServer, PASSWORD_CLIENT, SERVICE_CLIENT, startOidcServer, USERS } from "./helpers/oidc-server.js";

let dir: string;
let configFile: string;
let op: OidcTestServer;
const none = join(tmpdir(), "sciclients-no-such-config.json");

const URL_SETTING = { variable: "DEMO_URL", option: "url" };
const FLAG = { variable: "DEMO_FLAG", option: "flag" };
const NAMES: KeycloakSettingNames = {
  token: { variable: "DEMO_TOKEN", option: "token" },
  keycloakUrl: { variable: "DEMO_KEYCLOAK_URL", option: "keycloakUrl" },
  realm: { variable: "DEMO_REALM", option: "realm" },
  clientId: { variable: "DEMO_CLIENT_ID", option: "clientId" },
  clientSecret: { variable: "DEMO_CLIENT_SECRET", option: "clientSecret" },
  username: { variable: "DEMO_USERNAME", option: "username" },
  password: { variable: "DEMO_PASSWORD", option: "password" },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sciclients-settings-"));
  configFile = join(dir, "config.json");
  await writeFile(configFile, JSON.stringify({ DEMO_URL: "https://from-file.example/api/", DEMO_FLAG: "yes" }));
  op = await startOidcServer({}, { realm: "demo" });
});
afterAll(async () => {
  await op.close();
  await rm(dir, { recursive: true, force: true });
});

function reader(options: ResolveSettingsOptions<object> = {}, file = none) {
  return new SettingsReader("demo", options, file);
}

function thrown(fn: () => unknown): AuthError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    return error as AuthError;
  }
  throw new Error("expected an AuthError");
}

describe("SettingsReader", () => {
  it("precedence: explicit option, then environment, then config file; empty values count as unset", () => {
    expect(reader({ env: {} }, configFile).url(URL_SETTING)).toBe("https://from-file.example/api");
    expect(reader({ env: { DEMO_URL: "https://env.example" } }, configFile).url(URL_SETTING)).toBe("https://env.example");
    expect(
      reader({ env: { DEMO_URL: "https://env.example" }, explicit: { url: "https://explicit.example" } }, configFile).url(URL_SETTING),
    ).toBe("https://explicit.example");
    expect(reader({ env: { DEMO_URL: "" }, explicit: { url: "" } }, configFile).url(URL_SETTING)).toBe("https://from-file.example/api");
    expect(reader({ env: {}, configFile: false }, configFile).url(URL_SETTING)).toBeUndefined();
    expect(reader({ env: {} }, configFile).boolean(FLAG, false)).toBe(true);
  });

  it("errors name the service, the setting and where its value came from", async () => {
    const missing = thrown(() => reader({ env: {} }).url(URL_SETTING, { required: true }));
    expect(missing).toMatchObject({ code: "configuration", service: "demo", setting: "DEMO_URL" });
    expect(missing.message).toContain(`set the environment variable DEMO_URL or "DEMO_URL" in ${none}, or the option \`url\``);
    expect(thrown(() => reader({ env: { DEMO_URL: "not a url" } }).url(URL_SETTING)).message).toBe(
      "demo: the environment variable DEMO_URL is not a valid URL",
    );
    expect(thrown(() => reader({ env: {}, explicit: { url: "ftp://x.example" } }).url(URL_SETTING)).message).toBe(
      "demo: the option `url` must be an http(s) URL",
    );
    expect(thrown(() => reader({ env: { DEMO_FLAG: "maybe" } }).boolean(FLAG, true)).setting).toBe("DEMO_FLAG");
    const broken = join(dir, "broken.json");
    await writeFile(broken, "{ nope");
    expect(thrown(() => reader({ env: {} }, broken)).message).toBe(`demo: the config file ${broken} is not valid JSON`);
    const wrongType = join(dir, "wrong-type.json");
    await writeFile(wrongType, JSON.stringify({ DEMO_URL: { nested: true } }));
    expect(thrown(() => reader({ env: {} }, wrongType).url(URL_SETTING)).message).toContain(`"DEMO_URL" in ${wrongType}`);
  });

  it("plain http where credentials go is refused, naming the setting, its source, the option and the variable", async () => {
    const fromEnv = thrown(() => reader({ env: { DEMO_URL: "http://api.example/v1" } }).url(URL_SETTING, { carriesCredentials: true }));
    expect(fromEnv).toMatchObject({ code: "configuration", service: "demo", setting: "DEMO_URL" });
    expect(fromEnv.message).toBe(
      "demo: the environment variable DEMO_URL is a plain http URL (http://api.example/v1) and credentials would be sent to it; use https, or allow http with the option `allowInsecureHttp: true` or the environment variable SCICLIENTS_ALLOW_HTTP=1 (local deployments and tests only)",
    );
    const httpFile = join(dir, "http.json");
    await writeFile(httpFile, JSON.stringify({ DEMO_URL: "http://file.example" }));
    const fromFile = thrown(() => reader({ env: {} }, httpFile).url(URL_SETTING, { carriesCredentials: true }));
    expect(fromFile.message).toContain(`demo: "DEMO_URL" in ${httpFile} is a plain http URL (http://file.example)`);
    await writeFile(httpFile, JSON.stringify({ DEMO_URL: "http://file.example", [ALLOW_HTTP_VARIABLE]: true }));
    expect(reader({ env: {} }, httpFile).url(URL_SETTING, { carriesCredentials: true })).toBe("http://file.example");
    const withUserInfo = thrown(() =>
      reader({ env: {}, explicit: { url: "http://user:pass-Secr3t@api.example/" } }).url(URL_SETTING, { carriesCredentials: true }),
    );
    expect(withUserInfo.message).toContain("the option `url` is a plain http URL (http://api.example/)");
    expect(withUserInfo.message).not.toContain("pass-Secr3t");
    // allowed: the option, the variable, or the config file; and any URL no credentials go to
    const http = { DEMO_URL: "http://api.example" };
    expect(reader({ env: http, allowInsecureHttp: true }).url(URL_SETTING, { carriesCredentials: true })).toBe("http://api.example");
    expect(reader({ env: { ...http, [ALLOW_HTTP_VARIABLE]: "1" } }).url(URL_SETTING, { carriesCredentials: true })).toBe(
      "http://api.example",
    );
    expect(reader({ env: http }).url(URL_SETTING)).toBe("http://api.example");
    expect(reader({ env: { ...http, [ALLOW_HTTP_VARIABLE]: "1" }, allowInsecureHttp: false }).allowHttp).toBe(false);
    expect(thrown(() => reader({ env: { [ALLOW_HTTP_VARIABLE]: "sure" } }).allowHttp).setting).toBe(ALLOW_HTTP_VARIABLE);
  });

  it("TLS verification switched off: a warning, an https agent that skips checks, and a fetch over it", () => {
    const warnings: string[] = [];
    const t = reader({ env: { DEMO_VERIFY: "false" }, onWarning: (m) => warnings.push(m) }).transport({
      variable: "DEMO_VERIFY",
      option: "verifySsl",
    });
    expect(t.verifySsl).toBe(false);
    expect(t.httpsAgent?.options.rejectUnauthorized).toBe(false);
    expect(typeof t.fetch).toBe("function");
    expect(warnings).toEqual(["demo: DEMO_VERIFY is false: TLS certificates are NOT verified. Use this only for test servers."]);
    expect(reader({ env: {} }).transport({ variable: "DEMO_VERIFY", option: "verifySsl" })).toEqual({ verifySsl: true });
  });

  it("the default warning printer prints a warning once per process, however often the settings are read", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const once = { variable: "DEMO_ONCE_VERIFY", option: "verifySsl" };
      for (let i = 0; i < 3; i++) reader({ env: { DEMO_ONCE_VERIFY: "0" } }).transport(once);
      expect(warn.mock.calls).toEqual([
        ["[@sciclients/auth] demo: DEMO_ONCE_VERIFY is false: TLS certificates are NOT verified. Use this only for test servers."],
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("keycloakSignIn", () => {
  const keycloak = () => ({ DEMO_KEYCLOAK_URL: op.keycloakUrl, DEMO_REALM: "demo", DEMO_CLIENT_ID: PASSWORD_CLIENT });

  it("an http Keycloak is refused without the switch, naming the setting, the option and the variable", () => {
    const error = thrown(() =>
      keycloakSignIn(reader({ env: { ...keycloak(), DEMO_USERNAME: "alice", DEMO_PASSWORD: "x" } }), NAMES, { label: "Demo" }),
    );
    expect(error.setting).toBe("DEMO_KEYCLOAK_URL");
    expect(error.message).toContain(`the environment variable DEMO_KEYCLOAK_URL is a plain http URL (${op.keycloakUrl})`);
    expect(error.message).toContain("`allowInsecureHttp: true`");
    expect(error.message).toContain("SCICLIENTS_ALLOW_HTTP=1");
  });

  it("with SCICLIENTS_ALLOW_HTTP=1 the password grant signs in at the http Keycloak realm", async () => {
    const env = { ...keycloak(), DEMO_USERNAME: "alice", DEMO_PASSWORD: USERS.alice, [ALLOW_HTTP_VARIABLE]: "1" };
    const auth = keycloakSignIn(reader({ env }), NAMES, { label: "Demo" });
    expect(auth).toBeInstanceOf(PasswordGrantProvider);
    expect((auth as PasswordGrantProvider).issuer).toBe(op.issuer);
    const tokens = await (auth as PasswordGrantProvider).getTokens();
    expect(await op.isValidAccessToken(tokens.accessToken)).toBe(true);
    expect(tokens.refreshToken).toBeTruthy(); // offline_access by default
  });

  it("the option allowInsecureHttp does the same; a wrong password there is invalid_grant with the service", async () => {
    const env = { ...keycloak(), DEMO_USERNAME: "alice", DEMO_PASSWORD: "not-Alice-password" };
    const auth = keycloakSignIn(reader({ env, allowInsecureHttp: true }), NAMES, { label: "Demo" });
    const error = await auth.getAuthHeaders().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_grant", service: "demo", status: 400 });
    expect(JSON.stringify(error)).not.toContain("not-Alice-password");
  });

  it("client secret alone: client credentials; token: a fixed bearer; nothing: device grant when offered", async () => {
    const env = {
      ...keycloak(),
      DEMO_CLIENT_ID: SERVICE_CLIENT.id,
      DEMO_CLIENT_SECRET: SERVICE_CLIENT.secret,
      [ALLOW_HTTP_VARIABLE]: "true",
    };
    const cc = keycloakSignIn(reader({ env }), NAMES, { label: "Demo" });
    expect(cc).toBeInstanceOf(ClientCredentialsProvider);
    expect((await cc.getAuthHeaders()).Authorization).toMatch(/^Bearer /);
    const fixed = keycloakSignIn(reader({ env: { DEMO_TOKEN: "tok-1" } }), NAMES, { label: "Demo" });
    expect(await fixed.getAuthHeaders()).toEqual({ Authorization: "Bearer tok-1" });
    let made = 0;
    const device = keycloakSignIn(reader({ env: {} }), NAMES, {
      label: "Demo",
      defaults: { keycloakUrl: "https://sso.example.org/auth", realm: "R", clientId: "public" },
      device: {
        store: () => {
          made++;
          return new MemoryTokenStore();
        },
      },
    });
    expect(device).toBeInstanceOf(DeviceGrantProvider);
    expect((device as DeviceGrantProvider).issuer).toBe("https://sso.example.org/auth/realms/R");
    expect(made).toBe(1);
  });

  it("missing credentials are no_credentials saying how to give them; other missing settings are configuration", () => {
    const nothing = thrown(() => keycloakSignIn(reader({ env: {} }), NAMES, { label: "Demo" }));
    expect(nothing).toMatchObject({ code: "no_credentials", service: "demo", setting: "DEMO_TOKEN" });
    expect(nothing.message).toContain("set DEMO_TOKEN (a token), or DEMO_KEYCLOAK_URL with the realm, client and user");
    const noRealm = thrown(() => keycloakSignIn(reader({ env: { DEMO_KEYCLOAK_URL: "https://kc.example" } }), NAMES, { label: "Demo" }));
    expect(noRealm).toMatchObject({ code: "configuration", setting: "DEMO_REALM" });
    const https = { DEMO_KEYCLOAK_URL: "https://kc.example", DEMO_REALM: "r", DEMO_CLIENT_ID: "c" };
    const noPassword = thrown(() => keycloakSignIn(reader({ env: { ...https, DEMO_USERNAME: "alice" } }), NAMES, { label: "Demo" }));
    expect(noPassword).toMatchObject({ code: "no_credentials", setting: "DEMO_PASSWORD" });
    expect(noPassword.message).toContain("set the environment variable DEMO_PASSWORD");
    expect(noPassword.message).toContain("`interactive: true`");
    const noTerminal = thrown(() =>
      keycloakSignIn(reader({ env: { ...https, DEMO_USERNAME: "alice", CI: "true" }, interactive: true }), NAMES, { label: "Demo" }),
    );
    expect(noTerminal).toMatchObject({ code: "no_credentials", setting: "DEMO_PASSWORD" });
    expect(noTerminal.message).toContain("no terminal is available");
    for (const error of [nothing, noRealm, noPassword, noTerminal]) expect(error.message).not.toContain("[REDACTED]");
  });
});
