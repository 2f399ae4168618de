// resolveDataManagerSettings (@sciclients/data-manager-client/node): the
// Squonk2 settings of the Data Manager, and a plain-http Keycloak (the test
// OpenID provider mounted as realm "squonk" on 127.0.0.1) allowed only on
// request, the case of a local or test deployment.
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path, { join } from "node:path";
import { resolveAccountServerSettings } from "@sciclients/account-server-client/node";
import { AuthError, ClientCredentialsProvider, PasswordGrantProvider } from "@sciclients/auth";
import { createDataManagerClientFromSettings, resolveDataManagerSettings } from "@sciclients/data-manager-client/node";
import { type OidcTestServer, PASSWORD_CLIENT, startOidcServer, USERS } from "@sciclients/test-utils/oidc-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let dir: string;
let op: OidcTestServer;
const none = join(tmpdir(), "sciclients-no-such-config.json");
const DM = "https://squonk.example/data-manager-api";
const keycloak = {
  SQUONK2_DMAPI_URL: DM,
  SQUONK2_KEYCLOAK_URL: "https://squonk.example/auth",
  SQUONK2_KEYCLOAK_REALM: "squonk",
  SQUONK2_KEYCLOAK_CLIENT_ID: "data-manager-api",
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sciclients-dm-settings-"));
  op = await startOidcServer({}, { realm: "squonk" });
});
afterAll(async () => {
  await op.close();
  await rm(dir, { recursive: true, force: true });
});

function thrown(fn: () => unknown): AuthError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    return error as AuthError;
  }
  throw new Error("expected an AuthError");
}

describe("resolveDataManagerSettings", () => {
  it("the API URL and a password-grant provider against the Keycloak realm", () => {
    const s = resolveDataManagerSettings({ env: { ...keycloak, SQUONK2_USERNAME: "u", SQUONK2_PASSWORD: "p-123456" }, configFile: none });
    expect(s).toMatchObject({ service: "data-manager", baseURL: DM, verifySsl: true });
    expect(s.auth).toBeInstanceOf(PasswordGrantProvider);
    expect((s.auth as PasswordGrantProvider).issuer).toBe("https://squonk.example/auth/realms/squonk");
  });

  it("client secret without a user: client credentials; SQUONK2_TOKEN: a fixed token", async () => {
    const cc = resolveDataManagerSettings({ env: { ...keycloak, SQUONK2_KEYCLOAK_CLIENT_SECRET: "s-123456" }, configFile: none });
    expect(cc.auth).toBeInstanceOf(ClientCredentialsProvider);
    const fixed = resolveDataManagerSettings({ env: { SQUONK2_DMAPI_URL: DM, SQUONK2_TOKEN: "tok" }, configFile: none });
    expect(await fixed.auth.getAuthHeaders()).toEqual({ Authorization: "Bearer tok" });
  });

  it("reads the sciclients config file and names missing settings", async () => {
    const file = join(dir, "config.json");
    await writeFile(file, JSON.stringify({ SQUONK2_DMAPI_URL: DM, SQUONK2_KEYCLOAK_URL: keycloak.SQUONK2_KEYCLOAK_URL }));
    const noRealm = thrown(() => resolveDataManagerSettings({ env: {}, configFile: file }));
    expect(noRealm).toMatchObject({ code: "configuration", service: "data-manager", setting: "SQUONK2_KEYCLOAK_REALM" });
    const noUrl = thrown(() => resolveDataManagerSettings({ env: {}, configFile: none }));
    expect(noUrl).toMatchObject({ code: "configuration", setting: "SQUONK2_DMAPI_URL" });
    const noCredentials = thrown(() => resolveDataManagerSettings({ env: { SQUONK2_DMAPI_URL: DM }, configFile: none }));
    expect(noCredentials).toMatchObject({ code: "no_credentials", setting: "SQUONK2_TOKEN" });
    const noPassword = thrown(() => resolveDataManagerSettings({ env: { ...keycloak, SQUONK2_USERNAME: "alice" }, configFile: none }));
    expect(noPassword).toMatchObject({ code: "no_credentials", setting: "SQUONK2_PASSWORD" });
  });

  it("an http Keycloak is refused, naming the setting, where it came from, the option and the variable", () => {
    const env = { ...keycloak, SQUONK2_USERNAME: "alice", SQUONK2_PASSWORD: USERS.alice as string };
    const error = thrown(() => resolveDataManagerSettings({ env, configFile: none, explicit: { keycloakUrl: op.keycloakUrl } }));
    expect(error).toMatchObject({ code: "configuration", service: "data-manager", setting: "SQUONK2_KEYCLOAK_URL" });
    expect(error.message).toBe(
      `data-manager: the option \`keycloakUrl\` is a plain http URL (${op.keycloakUrl}) and credentials would be sent to it; use https, or allow http with the option \`allowInsecureHttp: true\` or the environment variable SCICLIENTS_ALLOW_HTTP=1 (local deployments and tests only)`,
    );
  });

  it("allowed (option or SCICLIENTS_ALLOW_HTTP), the password grant signs in at the http Keycloak realm", async () => {
    const env = {
      ...keycloak,
      SQUONK2_KEYCLOAK_URL: op.keycloakUrl,
      SQUONK2_KEYCLOAK_CLIENT_ID: PASSWORD_CLIENT,
      SQUONK2_USERNAME: "alice",
      SQUONK2_PASSWORD: USERS.alice as string,
    };
    for (const options of [{ env: { ...env, SCICLIENTS_ALLOW_HTTP: "1" } }, { env, allowInsecureHttp: true }]) {
      const { auth } = resolveDataManagerSettings({ ...options, configFile: none });
      const tokens = await (auth as PasswordGrantProvider).getTokens();
      expect(await op.isValidAccessToken(tokens.accessToken)).toBe(true);
      expect(tokens.refreshToken).toBeTruthy();
    }
    const wrong = resolveDataManagerSettings({
      env: { ...env, SQUONK2_PASSWORD: "wrong-Pa55" },
      configFile: none,
      allowInsecureHttp: true,
    });
    const error = await wrong.auth.getAuthHeaders().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AuthError", code: "invalid_grant", service: "data-manager", status: 400 });
    expect(JSON.stringify(error)).not.toContain("wrong-Pa55");
  });

  it("one sign-in for both Squonk2 APIs: the Data Manager's provider passed to the Account Server's resolver", async () => {
    const env = {
      SQUONK2_DMAPI_URL: DM,
      SQUONK2_ASAPI_URL: "https://squonk.example/account-server-api",
      SQUONK2_KEYCLOAK_URL: op.keycloakUrl,
      SQUONK2_KEYCLOAK_REALM: "squonk",
      SQUONK2_KEYCLOAK_CLIENT_ID: PASSWORD_CLIENT,
      SQUONK2_USERNAME: "bob",
      SQUONK2_PASSWORD: USERS.bob as string,
      SCICLIENTS_ALLOW_HTTP: "1",
    };
    for (const key of Object.keys(op.tokenRequests)) delete op.tokenRequests[key];
    const dm = resolveDataManagerSettings({ env, configFile: none });
    const as = resolveAccountServerSettings({ env, configFile: none, explicit: { auth: dm.auth } });
    expect(as.auth).toBe(dm.auth);
    const [a, b] = await Promise.all([dm.auth.getAuthHeaders(), as.auth.getAuthHeaders()]);
    expect(a).toEqual(b);
    expect(op.tokenRequests.password).toBe(1);
  });

  it("createDataManagerClientFromSettings: the client on the API URL with the TLS agent of the settings", () => {
    const dm = createDataManagerClientFromSettings({
      env: { SQUONK2_DMAPI_URL: DM, SQUONK2_TOKEN: "tok", SQUONK2_VERIFY_SSL_CERT: "false" },
      configFile: none,
      onWarning: () => {},
    });
    expect(dm.service).toBe("data-manager");
    expect(dm.baseURL).toBe(DM);
    expect(dm.axios.defaults.httpsAgent?.options.rejectUnauthorized).toBe(false);
  });

  it("the ./node entry is the only module of the package that imports @sciclients/auth", () => {
    const src = path.join(import.meta.dirname, "../src");
    const importers = readdirSync(src, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts") && readFileSync(path.join(src, file), "utf8").includes('from "@sciclients/auth'))
      .sort();
    expect(importers).toEqual(["node.ts"]);
  });
});
