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
  refusal(token: string): Promise<Outcome>;
};

/** How a request ended, as plain data the test can read. */
async function outcomeOf(sending: Promise<unknown>): Promise<Outcome> {
  try {
    return { outcome: "answered", body: await sending };
  } catch (error) {
    const e = error as { name?: string; code?: unknown; status?: unknown; message?: string };
    return { outcome: "failed", name: e.name ?? "", code: e.code, status: e.status, message: e.message ?? String(error) };
  }
}

page.providerNames = Object.keys(providers);
page.probe = async (provider, status, method) => {
  const make = providers[provider];
  if (!make) throw new Error(`No provider ${provider}`);
  const client = createServiceClient("redirect-probe", { baseURL: `${location.origin}/api`, auth: make() });
  return outcomeOf(
    client.send("redirect-probe", {
      operation: "probe",
      method,
      url: `/go`,
      params: { status, provider },
      ...(method === "POST" ? { data: { sent: "a body" } } : {}),
    }),
  );
};
// staticBearer's refusals are described by a chunk loaded when one happens: /api/refuse answers 401.
page.refusal = async (token) => {
  const client = createServiceClient("refusal-probe", { baseURL: `${location.origin}/api`, auth: staticBearer(token) });
  return outcomeOf(client.send("refusal-probe", { operation: "refused", method: "GET", url: "/refuse" }));
};
document.title = "ready";
