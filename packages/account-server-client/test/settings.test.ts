// resolveAccountServerSettings (@sciclients/account-server-client/node): the
// Squonk2 settings of the Account Server, against the test OpenID provider
// mounted as realm "squonk" on plain http (allowed by SCICLIENTS_ALLOW_HTTP).
// Sharing one sign-in with the Data Manager is tested in its package.
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path, { join } from "node:path";
import { createAccountServerClientFromSettings, resolveAccountServerSettings } from "@sciclients/account-server-client/node";
import { AuthError, type PasswordGrantProvider, staticBearer } from "@sciclients/auth";
import { type OidcTestServer, PASSWORD_CLIENT, startOidcServer, USERS } from "@sciclients/test-utils/oidc-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let op: OidcTestServer;
const none = join(tmpdir(), "sciclients-no-such-config.json");
const AS = "https://squonk.example/account-server-api";

beforeAll(async () => {
  op = await startOidcServer({}, { realm: "squonk" });
});
afterAll(async () => {
  await op.close();
});

describe("resolveAccountServerSettings", () => {
  it("needs SQUONK2_ASAPI_URL and names it", () => {
    let error: unknown;
    try {
      resolveAccountServerSettings({ env: { SQUONK2_TOKEN: "tok" }, configFile: none });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: "configuration", service: "account-server", setting: "SQUONK2_ASAPI_URL" });
  });

  it("a password grant at the http Keycloak realm (allowed by SCICLIENTS_ALLOW_HTTP), or the provider given as `auth`", async () => {
    const env = {
      SQUONK2_ASAPI_URL: AS,
      SQUONK2_KEYCLOAK_URL: op.keycloakUrl,
      SQUONK2_KEYCLOAK_REALM: "squonk",
      SQUONK2_KEYCLOAK_CLIENT_ID: PASSWORD_CLIENT,
      SQUONK2_USERNAME: "bob",
      SQUONK2_PASSWORD: USERS.bob as string,
      SCICLIENTS_ALLOW_HTTP: "1",
    };
    const as = resolveAccountServerSettings({ env, configFile: none });
    expect(as).toMatchObject({ service: "account-server", baseURL: AS });
    expect((as.auth as PasswordGrantProvider).issuer).toBe(op.issuer);
    const token = (await as.auth.getAuthHeaders()).Authorization?.replace(/^Bearer /, "") ?? "";
    expect(await op.isValidAccessToken(token)).toBe(true);
    const shared = staticBearer("from-the-data-manager");
    const client = createAccountServerClientFromSettings({ env: { SQUONK2_ASAPI_URL: AS }, configFile: none, explicit: { auth: shared } });
    expect(client.baseURL).toBe(AS);
    expect(resolveAccountServerSettings({ env: { SQUONK2_ASAPI_URL: AS }, configFile: none, explicit: { auth: shared } }).auth).toBe(
      shared,
    );
  });

  it("the ./node entry is the only module of the package that imports @sciclients/auth", () => {
    const src = path.join(import.meta.dirname, "../src");
    const importers = readdirSync(src, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts") && readFileSync(path.join(src, file), "utf8").includes('from "@sciclients/auth'))
      .sort();
    expect(importers).toEqual(["node.ts"]);
  });
});
