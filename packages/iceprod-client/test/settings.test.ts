// resolveIceProdSettings (@sciclients/iceprod-client/node): ICEPROD_* settings,
// defaults of the public deployment, and a plain-http Keycloak (the test
// OpenID provider mounted as realm IceCube on 127.0.0.1) allowed only on request.
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path, { join } from "node:path";
import { AuthError, ClientCredentialsProvider, DeviceGrantProvider, FileTokenStore } from "@sciclients/auth/node";
import { ICEPROD_DEFAULTS, resolveIceProdSettings } from "@sciclients/iceprod-client/node";
import { type OidcTestServer, SERVICE_CLIENT, startOidcServer } from "@sciclients/test-utils/oidc-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let dir: string;
let op: OidcTestServer;
const none = join(tmpdir(), "sciclients-no-such-config.json");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sciclients-iceprod-settings-"));
  op = await startOidcServer({}, { realm: "IceCube" });
});
afterAll(async () => {
  await op.close();
  await rm(dir, { recursive: true, force: true });
});

describe("resolveIceProdSettings", () => {
  it("defaults to the public API and a device grant with a file token store", () => {
    const s = resolveIceProdSettings({ env: { XDG_CONFIG_HOME: dir }, configFile: none });
    expect(s.baseURL).toBe(ICEPROD_DEFAULTS.apiUrl);
    expect(s.auth).toBeInstanceOf(DeviceGrantProvider);
    expect((s.auth as DeviceGrantProvider).issuer).toBe("https://keycloak.icecube.wisc.edu/auth/realms/IceCube");
  });

  it("client secret gives client credentials; the API URL and token store are configurable", () => {
    const cc = resolveIceProdSettings({ env: { ICEPROD_CLIENT_SECRET: "s-123456", ICEPROD_CLIENT_ID: "svc" }, configFile: none });
    expect(cc.auth).toBeInstanceOf(ClientCredentialsProvider);
    const store = new FileTokenStore({ path: join(dir, "ice.json") });
    const withStore = resolveIceProdSettings({ env: {}, configFile: none, explicit: { store, apiUrl: "https://iceprod.test" } });
    expect(withStore.baseURL).toBe("https://iceprod.test");
    expect(withStore.auth).toBeInstanceOf(DeviceGrantProvider);
  });

  it("an http Keycloak is refused naming ICEPROD_KEYCLOAK_URL, the option and the variable", () => {
    let error: unknown;
    try {
      resolveIceProdSettings({ env: { ICEPROD_KEYCLOAK_URL: op.keycloakUrl, ICEPROD_CLIENT_SECRET: "s" }, configFile: none });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: "configuration", service: "iceprod", setting: "ICEPROD_KEYCLOAK_URL" });
    expect((error as AuthError).message).toContain(`the environment variable ICEPROD_KEYCLOAK_URL is a plain http URL (${op.keycloakUrl})`);
    expect((error as AuthError).message).toContain("`allowInsecureHttp: true` or the environment variable SCICLIENTS_ALLOW_HTTP=1");
  });

  it("with SCICLIENTS_ALLOW_HTTP=1 a service account gets a token from the http Keycloak realm", async () => {
    const env = {
      ICEPROD_KEYCLOAK_URL: op.keycloakUrl,
      ICEPROD_CLIENT_ID: SERVICE_CLIENT.id,
      ICEPROD_CLIENT_SECRET: SERVICE_CLIENT.secret,
      SCICLIENTS_ALLOW_HTTP: "1",
    };
    const { auth } = resolveIceProdSettings({ env, configFile: none });
    const token = (await auth.getAuthHeaders()).Authorization?.replace(/^Bearer /, "") ?? "";
    expect(await op.isValidAccessToken(token)).toBe(true);
  });

  it("a wrong client secret there is invalid_client for the iceprod service", async () => {
    const env = {
      ICEPROD_KEYCLOAK_URL: op.keycloakUrl,
      ICEPROD_CLIENT_ID: SERVICE_CLIENT.id,
      ICEPROD_CLIENT_SECRET: "not-the-Secret-99",
    };
    const { auth } = resolveIceProdSettings({ env, configFile: none, allowInsecureHttp: true });
    const error = await auth.getAuthHeaders().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AuthError", code: "invalid_client", service: "iceprod", status: 401 });
    expect(JSON.stringify(error)).not.toContain("not-the-Secret-99");
  });

  it("the ./node entry is the only module of the package that imports @sciclients/auth", () => {
    const src = path.join(import.meta.dirname, "../src");
    const importers = readdirSync(src, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts") && readFileSync(path.join(src, file), "utf8").includes('from "@sciclients/auth'))
      .sort();
    expect(importers).toEqual(["node.ts"]);
  });
});
