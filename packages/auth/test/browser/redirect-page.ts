// The page of browser-redirects.test.ts: one client per provider, sending to
// its own origin's /api, which answers with a redirect to another origin. Runs
// in Chromium, bundled by esbuild from the sources.
import { type CredentialsProvider, createServiceClient } from "@sciclients/core";
import { apiKey, dssApiKey, staticBearer } from "../../src/index.js";

/** Every provider and header scheme, with the secret each one carries. */
const providers: Record<string, () => CredentialsProvider> = {
  "staticBearer (Authorization)": () => staticBearer("browser-static-secret-1"),
  "staticBearer (X-Auth-Token)": () => staticBearer("browser-static-secret-2", { header: "X-Auth-Token" }),
  "apiKey (basic)": () => apiKey("browser-key-basic-secret"),
  "apiKey (X-Api-Key)": () => apiKey("browser-key-header-secret", { scheme: "header", headerName: "X-Api-Key" }),
  "dssApiKey (header)": () => dssApiKey("browser-dss-header-secret", { scheme: "header", headerName: "X-DKU-APIKey" }),
};

export type Outcome =
  | { outcome: "answered"; body: unknown }
  | { outcome: "failed"; name: string; code: unknown; status: unknown; message: string };

const page = globalThis as unknown as {
  providerNames: string[];
  probe(provider: string, status: number, method: "GET" | "POST"): Promise<Outcome>;
};

page.providerNames = Object.keys(providers);
page.probe = async (provider, status, method) => {
  const make = providers[provider];
  if (!make) throw new Error(`No provider ${provider}`);
  const client = createServiceClient("redirect-probe", { baseURL: `${location.origin}/api`, auth: make() });
  try {
    const body = await client.send("redirect-probe", {
      operation: "probe",
      method,
      url: `/go`,
      params: { status, provider },
      ...(method === "POST" ? { data: { sent: "a body" } } : {}),
    });
    return { outcome: "answered", body };
  } catch (error) {
    const e = error as { name?: string; code?: unknown; status?: unknown; message?: string };
    return { outcome: "failed", name: e.name ?? "", code: e.code, status: e.status, message: e.message ?? String(error) };
  }
};
document.title = "ready";
