// listProjectKeys as in the DSS seed (`client.list_project_keys()` with an API
// key), and the API-key sign-in as it goes over the wire.
import { AuthError, apiKey, dssApiKey } from "@sciclients/auth";
import { createDssClient, listProjectKeys } from "@sciclients/dss-client";
import { getAuthInfo } from "@sciclients/dss-client/auth";
import { getListProjectsMockHandler } from "@sciclients/dss-client/mocks";
import { resolveDssSettings } from "@sciclients/dss-client/node";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { baseURL, dss, setupDssServer } from "./support.js";

const { server, requests } = setupDssServer();

/** Splits `Authorization: Basic …` into user name and password. */
function basicCredentials(header: string | null): { user: string; password: string } | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

describe("listProjectKeys", () => {
  it("returns the projectKey of every project, in DSS's order", async () => {
    server.use(
      getListProjectsMockHandler([
        { projectKey: "SALES", name: "Sales", ownerLogin: "alice" },
        { projectKey: "CHURN_MODEL", name: "Churn" },
        { projectKey: "DKU_TUTORIAL_BASICS" },
      ]),
    );
    await expect(listProjectKeys(dss)).resolves.toEqual(["SALES", "CHURN_MODEL", "DKU_TUTORIAL_BASICS"]);
    expect(requests).toEqual([{ method: "GET", path: "/projects/", query: {} }]);
  });

  it("an instance without visible projects gives an empty list", async () => {
    server.use(getListProjectsMockHandler([]));
    await expect(listProjectKeys(dss)).resolves.toEqual([]);
  });
});

describe("API key sign-in", () => {
  it("dssApiKey sends HTTP Basic with the key as user name and an empty password, like the official client", async () => {
    const key = "dkuaps-Xc9L2mQp7RtV4wZ8yB1nE6sH3kJ0aF5g";
    const seen: (string | null)[] = [];
    server.use(
      http.get("*/projects/", ({ request }) => {
        seen.push(request.headers.get("authorization"));
        const credentials = basicCredentials(request.headers.get("authorization"));
        if (credentials?.user !== key || credentials.password !== "") {
          return HttpResponse.json({ errorType: "com.dataiku.dip.exceptions.UnauthorizedException", message: "Bad key" }, { status: 401 });
        }
        return HttpResponse.json([{ projectKey: "SALES" }, { projectKey: "HR" }]);
      }),
    );
    const client = createDssClient({ baseURL: "https://dss.test/public/api", auth: dssApiKey(key) });
    await expect(listProjectKeys(client)).resolves.toEqual(["SALES", "HR"]);
    expect(seen).toEqual([`Basic ${Buffer.from(`${key}:`).toString("base64")}`]);
    expect(basicCredentials(seen[0] ?? null)).toEqual({ user: key, password: "" });
  });

  it("apiKey with the bearer scheme sends Authorization: Bearer <key> (DSS 13+)", async () => {
    let header: string | null = null;
    server.use(
      http.get("*/auth/info", ({ request }) => {
        header = request.headers.get("authorization");
        return HttpResponse.json({ authIdentifier: "pipeline-key", groups: [] });
      }),
    );
    const client = createDssClient({ baseURL, auth: apiKey("k-123", { scheme: "bearer" }) });
    await expect(getAuthInfo(undefined, { client })).resolves.toMatchObject({ authIdentifier: "pipeline-key" });
    expect(header).toBe("Bearer k-123");
  });

  it("a refused key fails once, without retrying and without the key in the error", async () => {
    const key = "dkuaps-refused-key-0000";
    let calls = 0;
    server.use(
      http.get("*/projects/", () => {
        calls += 1;
        return HttpResponse.json(
          { errorType: "com.dataiku.dip.exceptions.UnauthorizedException", message: "Invalid API key" },
          { status: 401 },
        );
      }),
    );
    const client = createDssClient({ baseURL, auth: dssApiKey(key) });
    const error = await listProjectKeys(client).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: "unauthorized" });
    expect(JSON.stringify(error)).not.toContain(key);
    expect(String((error as Error).message)).not.toContain(key);
  });

  it("settings from DSS_HOST and DSS_API_KEY give a client on <host>/public/api signed in with the key", async () => {
    let header: string | null = null;
    server.use(
      http.get("https://dss.test/public/api/projects/", ({ request }) => {
        header = request.headers.get("authorization");
        return HttpResponse.json([{ projectKey: "FROM_ENV" }]);
      }),
    );
    const settings = resolveDssSettings({ env: { DSS_HOST: "https://dss.test", DSS_API_KEY: "env-key" }, configFile: false });
    expect(settings.baseURL).toBe("https://dss.test/public/api");
    expect(settings.httpsAgent).toBeUndefined();
    const client = createDssClient({ baseURL: settings.baseURL, auth: settings.auth, axios: { httpsAgent: settings.httpsAgent } });
    await expect(listProjectKeys(client)).resolves.toEqual(["FROM_ENV"]);
    expect(basicCredentials(header)).toEqual({ user: "env-key", password: "" });
  });
});
