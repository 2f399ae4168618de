import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AuthError,
  ClientCredentialsProvider,
  canPrompt,
  DeviceGrantProvider,
  DserverTokenProvider,
  FileTokenStore,
  PasswordGrantProvider,
  resolveDserverSettings,
  resolveDssSettings,
  resolveIceProdSettings,
  resolveSquonk2Settings,
} from "../src/node.js";

let dir: string;
let dtoolJson: string;
const none = join(tmpdir(), "sciclients-no-such-config.json");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sciclients-settings-"));
  dtoolJson = join(dir, "dtool.json");
  await writeFile(
    dtoolJson,
    JSON.stringify({ DSERVER_URL: "https://from-file.example:5000", DSERVER_TOKEN_GENERATOR_URL: "https://from-file.example:5001/token" }),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function configError(fn: () => unknown): AuthError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("configuration");
    return error as AuthError;
  }
  throw new Error("expected a configuration error");
}

async function headersOf(auth: { getAuthHeaders(): Promise<Record<string, string>> } | undefined) {
  return auth?.getAuthHeaders();
}

describe("resolveDserverSettings", () => {
  it("precedence: explicit, then environment, then dtool.json", async () => {
    const fromFile = resolveDserverSettings({ env: { DSERVER_TOKEN: "t-env" }, configFile: dtoolJson });
    expect(fromFile.baseURL).toBe("https://from-file.example:5000");
    expect(await headersOf(fromFile.auth)).toEqual({ Authorization: "Bearer t-env" });
    const fromEnv = resolveDserverSettings({
      env: { DSERVER_URL: "https://env.example/", DSERVER_TOKEN: "t-env" },
      configFile: dtoolJson,
    });
    expect(fromEnv.baseURL).toBe("https://env.example");
    const explicit = resolveDserverSettings({
      env: { DSERVER_URL: "https://env.example", DSERVER_TOKEN: "t-env" },
      configFile: dtoolJson,
      explicit: { url: "https://explicit.example", token: "t-explicit" },
    });
    expect(explicit.baseURL).toBe("https://explicit.example");
    expect(await headersOf(explicit.auth)).toEqual({ Authorization: "Bearer t-explicit" });
    expect(explicit.verifySsl).toBe(true);
    expect(explicit.httpsAgent).toBeUndefined();
  });

  it("token generator with username and password gives a self-renewing provider", () => {
    const s = resolveDserverSettings({
      env: { DSERVER_USERNAME: "alice", DSERVER_PASSWORD: "pw-123456" },
      configFile: dtoolJson,
    });
    expect(s.auth).toBeInstanceOf(DserverTokenProvider);
  });

  it("errors name the variable, the file key and the service", () => {
    const missing = configError(() => resolveDserverSettings({ env: {}, configFile: none }));
    expect(missing.message).toContain("DSERVER_URL");
    expect(missing.service).toBe("dserver");
    expect(missing.setting).toBe("DSERVER_URL");
    const bad = configError(() => resolveDserverSettings({ env: { DSERVER_URL: "not a url" }, configFile: none }));
    expect(bad.message).toContain("environment variable DSERVER_URL");
    const noPassword = configError(() => resolveDserverSettings({ env: { DSERVER_USERNAME: "alice" }, configFile: dtoolJson }));
    expect(noPassword.setting).toBe("DSERVER_PASSWORD");
    expect(noPassword.message).toContain("dserver");
    const badBool = configError(() =>
      resolveDserverSettings({
        env: { DSERVER_URL: "https://x.example", DSERVER_TOKEN: "t", DSERVER_VERIFY_SSL: "maybe" },
        configFile: none,
      }),
    );
    expect(badBool.setting).toBe("DSERVER_VERIFY_SSL");
  });

  it("a malformed config file names the file", async () => {
    const broken = join(dir, "broken.json");
    await writeFile(broken, "{ nope");
    const error = configError(() => resolveDserverSettings({ env: {}, configFile: broken }));
    expect(error.message).toContain(broken);
    expect(error.service).toBe("dserver");
    const wrongType = join(dir, "wrong-type.json");
    await writeFile(wrongType, JSON.stringify({ DSERVER_URL: { nested: true } }));
    const typed = configError(() => resolveDserverSettings({ env: {}, configFile: wrongType }));
    expect(typed.message).toContain(`"DSERVER_URL" in ${wrongType}`);
  });

  it("DSERVER_VERIFY_SSL=false is honoured with a warning and an https agent that skips verification", () => {
    const warnings: string[] = [];
    const s = resolveDserverSettings({
      env: { DSERVER_URL: "https://x.example", DSERVER_TOKEN: "t", DSERVER_VERIFY_SSL: "false" },
      configFile: none,
      onWarning: (m) => warnings.push(m),
    });
    expect(s.verifySsl).toBe(false);
    expect(s.httpsAgent?.options.rejectUnauthorized).toBe(false);
    expect(warnings.join(" ")).toContain("DSERVER_VERIFY_SSL");
  });

  it("DSERVER_DISABLE_AUTHENTICATION gives no provider", () => {
    const s = resolveDserverSettings({
      env: { DSERVER_URL: "https://x.example", DSERVER_DISABLE_AUTHENTICATION: "true" },
      configFile: none,
    });
    expect(s.auth).toBeUndefined();
  });

  it("interactive prompting is opt-in and refused without a terminal or in CI", () => {
    expect(canPrompt({ CI: "true" })).toBe(false);
    const error = configError(() =>
      resolveDserverSettings({ env: { DSERVER_USERNAME: "alice", CI: "true" }, configFile: dtoolJson, interactive: true }),
    );
    expect(error.message).toContain("DSERVER_PASSWORD");
  });
});

describe("resolveSquonk2Settings", () => {
  const keycloak = {
    SQUONK2_DMAPI_URL: "https://squonk.example/data-manager-api",
    SQUONK2_ASAPI_URL: "https://squonk.example/account-server-api",
    SQUONK2_KEYCLOAK_URL: "https://squonk.example/auth",
    SQUONK2_KEYCLOAK_REALM: "squonk",
    SQUONK2_KEYCLOAK_CLIENT_ID: "data-manager-api",
  };

  it("both API URLs and one password-grant provider against the Keycloak realm", () => {
    const s = resolveSquonk2Settings({ env: { ...keycloak, SQUONK2_USERNAME: "u", SQUONK2_PASSWORD: "p-123456" }, configFile: none });
    expect(s.dataManager?.baseURL).toBe(keycloak.SQUONK2_DMAPI_URL);
    expect(s.accountServer?.baseURL).toBe(keycloak.SQUONK2_ASAPI_URL);
    expect(s.auth).toBeInstanceOf(PasswordGrantProvider);
    expect((s.auth as PasswordGrantProvider).issuer).toBe("https://squonk.example/auth/realms/squonk");
  });

  it("client secret without a user: client credentials; SQUONK2_TOKEN: a fixed token", async () => {
    const cc = resolveSquonk2Settings({ env: { ...keycloak, SQUONK2_KEYCLOAK_CLIENT_SECRET: "s-123456" }, configFile: none });
    expect(cc.auth).toBeInstanceOf(ClientCredentialsProvider);
    const fixed = resolveSquonk2Settings({
      env: { SQUONK2_DMAPI_URL: keycloak.SQUONK2_DMAPI_URL, SQUONK2_TOKEN: "tok" },
      configFile: none,
    });
    expect(await fixed.auth.getAuthHeaders()).toEqual({ Authorization: "Bearer tok" });
    expect(fixed.accountServer).toBeUndefined();
  });

  it("reads the sciclients config file and names missing Keycloak settings", async () => {
    const file = join(dir, "config.json");
    await writeFile(
      file,
      JSON.stringify({ SQUONK2_DMAPI_URL: keycloak.SQUONK2_DMAPI_URL, SQUONK2_KEYCLOAK_URL: keycloak.SQUONK2_KEYCLOAK_URL }),
    );
    const error = configError(() => resolveSquonk2Settings({ env: {}, configFile: file }));
    expect(error.setting).toBe("SQUONK2_KEYCLOAK_REALM");
    expect(error.service).toBe("squonk2");
    const noUrl = configError(() => resolveSquonk2Settings({ env: {}, configFile: none }));
    expect(noUrl.message).toContain("SQUONK2_DMAPI_URL");
  });
});

describe("resolveDssSettings", () => {
  it("host + API key: /public/api base URL and HTTP Basic by default", async () => {
    const s = resolveDssSettings({ env: { DSS_HOST: "https://dss.example:11200", DSS_API_KEY: "k-123456" }, configFile: none });
    expect(s.baseURL).toBe("https://dss.example:11200/public/api");
    expect(await s.auth.getAuthHeaders()).toEqual({ Authorization: `Basic ${Buffer.from("k-123456:").toString("base64")}` });
    const bearer = resolveDssSettings({
      env: { DSS_HOST: "https://dss.example", DSS_API_KEY: "k-123456", DSS_AUTH_SCHEME: "bearer" },
      configFile: none,
    });
    expect(await bearer.auth.getAuthHeaders()).toEqual({ Authorization: "Bearer k-123456" });
  });

  it("names the missing key and a bad scheme", () => {
    expect(configError(() => resolveDssSettings({ env: { DSS_HOST: "https://dss.example" }, configFile: none })).setting).toBe(
      "DSS_API_KEY",
    );
    expect(
      configError(() =>
        resolveDssSettings({ env: { DSS_HOST: "https://d.example", DSS_API_KEY: "k", DSS_AUTH_SCHEME: "magic" }, configFile: none }),
      ).setting,
    ).toBe("DSS_AUTH_SCHEME");
  });
});

describe("resolveIceProdSettings", () => {
  it("defaults to the public API and a device grant with a file token store", () => {
    const s = resolveIceProdSettings({ env: { XDG_CONFIG_HOME: dir }, configFile: none });
    expect(s.baseURL).toBe("https://api.iceprod.icecube.aq");
    expect(s.auth).toBeInstanceOf(DeviceGrantProvider);
    expect((s.auth as DeviceGrantProvider).issuer).toBe("https://keycloak.icecube.wisc.edu/auth/realms/IceCube");
  });

  it("client secret gives client credentials; the token file path is configurable", () => {
    const cc = resolveIceProdSettings({ env: { ICEPROD_CLIENT_SECRET: "s-123456", ICEPROD_CLIENT_ID: "svc" }, configFile: none });
    expect(cc.auth).toBeInstanceOf(ClientCredentialsProvider);
    const store = new FileTokenStore({ path: join(dir, "ice.json") });
    const withStore = resolveIceProdSettings({ env: {}, configFile: none, explicit: { store, apiUrl: "https://iceprod.test" } });
    expect(withStore.baseURL).toBe("https://iceprod.test");
  });
});
