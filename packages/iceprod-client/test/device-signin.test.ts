// Device sign-in (`deviceGrant` from @sciclients/auth, IceProd's
// SavedDeviceGrantAuth) plugged into createIceprodClient, with a refresh token
// saved in a token file by an earlier run. Keycloak's discovery and token
// endpoints and the IceProd API are MSW handlers; the auth package's own tests
// run the grant against a real OpenID provider.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type DeviceVerification, deviceGrant } from "@sciclients/auth";
import { FileTokenStore } from "@sciclients/auth/node";
import { createIceprodClient, type DatasetMap } from "@sciclients/iceprod-client";
import { listDatasets } from "@sciclients/iceprod-client/datasets";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

const KEYCLOAK = "https://keycloak.test/auth";
const ISSUER = `${KEYCLOAK}/realms/IceCube`;
const API = "https://iceprod.test";
const STORE_KEY = "iceprod";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let dir: string;
let tokenFile: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "iceprod-auth-"));
  tokenFile = path.join(dir, ".iceprod-auth");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const datasets: DatasetMap = { "6b3f0c2e": { dataset_id: "6b3f0c2e", dataset: 22000, status: "processing" } };

/** Keycloak's discovery and token endpoints; the token endpoint answers what `grant` returns. */
function keycloak(grant: (form: URLSearchParams) => Response) {
  const forms: URLSearchParams[] = [];
  server.use(
    http.get(`${ISSUER}/.well-known/openid-configuration`, () =>
      HttpResponse.json({
        issuer: ISSUER,
        token_endpoint: `${ISSUER}/protocol/openid-connect/token`,
        device_authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth/device`,
        authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`,
        jwks_uri: `${ISSUER}/protocol/openid-connect/certs`,
        response_types_supported: ["code"],
        grant_types_supported: ["refresh_token", "urn:ietf:params:oauth:grant-type:device_code"],
      }),
    ),
    http.post(`${ISSUER}/protocol/openid-connect/token`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      forms.push(form);
      return grant(form);
    }),
  );
  return forms;
}

/** The IceProd API, accepting only `token`; records the Authorization headers it saw. */
function iceprodApi(token: () => string) {
  const seen: (string | null)[] = [];
  server.use(
    http.get(`${API}/datasets`, ({ request }) => {
      seen.push(request.headers.get("authorization"));
      if (request.headers.get("authorization") !== `Bearer ${token()}`) {
        return HttpResponse.json({ code: 401, error: "invalid token" }, { status: 401 });
      }
      return HttpResponse.json(datasets);
    }),
  );
  return seen;
}

/** What an earlier run left in the token file: an expired access token and its refresh token. */
async function savedSignIn(store: FileTokenStore) {
  const hourAgo = Date.now() - 3_600_000;
  await store.set(STORE_KEY, {
    accessToken: "expired-access",
    refreshToken: "saved-refresh",
    obtainedAt: hourAgo - 3_600_000,
    expiresAt: hourAgo,
  });
}

describe("device sign-in with a saved refresh token", () => {
  it("renews the access token from the saved refresh token, without asking the user, and saves the new one", async () => {
    const forms = keycloak((form) =>
      form.get("refresh_token") === "saved-refresh"
        ? HttpResponse.json({ access_token: "access-2", token_type: "Bearer", expires_in: 3600, refresh_token: "refresh-2" })
        : HttpResponse.json({ error: "invalid_grant" }, { status: 400 }),
    );
    const seen = iceprodApi(() => "access-2");
    const store = new FileTokenStore({ path: tokenFile });
    await savedSignIn(store);
    const verifications: DeviceVerification[] = [];

    const iceprod = createIceprodClient({
      baseURL: API,
      auth: deviceGrant({
        keycloakUrl: KEYCLOAK,
        realm: "IceCube",
        clientId: "iceprod-public",
        store,
        storeKey: STORE_KEY,
        onVerification: (v) => {
          verifications.push(v);
        },
      }),
    });
    const result = await listDatasets(undefined, { client: iceprod });

    expect(Object.keys(result)).toEqual(["6b3f0c2e"]);
    expect(seen).toEqual(["Bearer access-2"]);
    expect(verifications).toEqual([]); // no device prompt: the saved refresh token was enough
    expect(forms).toHaveLength(1);
    expect(forms[0]?.get("grant_type")).toBe("refresh_token");
    expect(forms[0]?.get("client_id")).toBe("iceprod-public");
    // The rotated refresh token replaces the saved one, for the next run.
    expect((await store.get(STORE_KEY))?.refreshToken).toBe("refresh-2");
    expect(await readFile(tokenFile, "utf8")).not.toContain("saved-refresh");
  });

  it("falls back to a device sign-in when the saved refresh token is refused", async () => {
    const forms = keycloak((form) => {
      if (form.get("grant_type") === "refresh_token") return HttpResponse.json({ error: "invalid_grant" }, { status: 400 });
      return HttpResponse.json({ access_token: "access-device", token_type: "Bearer", expires_in: 3600, refresh_token: "refresh-device" });
    });
    let deviceRequest: URLSearchParams | undefined;
    server.use(
      http.post(`${ISSUER}/protocol/openid-connect/auth/device`, async ({ request }) => {
        deviceRequest = new URLSearchParams(await request.text());
        return HttpResponse.json({
          device_code: "device-code-1",
          user_code: "WDJB-MJHT",
          verification_uri: `${ISSUER}/device`,
          verification_uri_complete: `${ISSUER}/device?user_code=WDJB-MJHT`,
          expires_in: 600,
          interval: 1, // the smallest openid-client accepts: this test waits one poll interval
        });
      }),
    );
    const seen = iceprodApi(() => "access-device");
    const store = new FileTokenStore({ path: tokenFile });
    await savedSignIn(store);
    const verifications: DeviceVerification[] = [];

    const iceprod = createIceprodClient({
      baseURL: API,
      auth: deviceGrant({
        keycloakUrl: KEYCLOAK,
        realm: "IceCube",
        clientId: "iceprod-public",
        store,
        storeKey: STORE_KEY,
        onVerification: (v) => void verifications.push(v),
      }),
    });
    await expect(listDatasets(undefined, { client: iceprod })).resolves.toEqual(datasets);

    expect(verifications).toEqual([
      {
        verificationUri: `${ISSUER}/device`,
        verificationUriComplete: `${ISSUER}/device?user_code=WDJB-MJHT`,
        userCode: "WDJB-MJHT",
        expiresIn: 600,
      },
    ]);
    expect(deviceRequest?.get("client_id")).toBe("iceprod-public");
    expect(deviceRequest?.get("scope")).toContain("offline_access");
    expect(deviceRequest?.get("code_challenge_method")).toBe("S256");
    expect(forms.map((f) => f.get("grant_type"))).toEqual(["refresh_token", "urn:ietf:params:oauth:grant-type:device_code"]);
    expect(forms[1]?.get("code_verifier")).toBeTruthy();
    expect(seen).toEqual(["Bearer access-device"]);
    expect((await store.get(STORE_KEY))?.refreshToken).toBe("refresh-device");
  });

  it("a 401 from IceProd renews the token once and the call goes through", async () => {
    let current = "access-2";
    const forms = keycloak(() => {
      current = "access-3";
      return HttpResponse.json({ access_token: "access-3", token_type: "Bearer", expires_in: 3600, refresh_token: "refresh-3" });
    });
    const seen = iceprodApi(() => current);
    const store = new FileTokenStore({ path: tokenFile });
    // A token that looks fresh to the client but that the server no longer accepts (revoked).
    await store.set(STORE_KEY, {
      accessToken: "access-2",
      refreshToken: "refresh-2",
      obtainedAt: Date.now(),
      expiresAt: Date.now() + 3_600_000,
    });
    current = "revoked";
    const iceprod = createIceprodClient({
      baseURL: API,
      auth: deviceGrant({
        keycloakUrl: KEYCLOAK,
        realm: "IceCube",
        clientId: "iceprod-public",
        store,
        storeKey: STORE_KEY,
        onVerification: () => {},
      }),
    });
    await expect(listDatasets(undefined, { client: iceprod })).resolves.toEqual(datasets);
    expect(seen).toEqual(["Bearer access-2", "Bearer access-3"]);
    expect(forms.map((f) => f.get("refresh_token"))).toEqual(["refresh-2"]);
  });
});
