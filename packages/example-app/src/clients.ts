// One client per deployment, made once for the whole page. The two Data
// Manager clients differ only in their base URL.

import { createAccountServerClient } from "@sciclients/account-server-client";
import { type AuthProvider, dssApiKey, staticBearer } from "@sciclients/auth";
import { createDataManagerClient } from "@sciclients/data-manager-client";
import { createDserverClient } from "@sciclients/dserver-client";
import { createDssClient } from "@sciclients/dss-client";
import type { AppConfig } from "./config.js";

/**
 * Credentials for live servers: a token (an API key for DSS) that the user put in
 * sessionStorage under `sciclients.token.<name>` (the app has no sign-in page).
 * None is needed for the mocks, and none when a proxy in front of the server signs in.
 */
function storedCredentials(name: string, kind: "bearer" | "dss-api-key"): AuthProvider | undefined {
  const key = `sciclients.token.${name}`;
  if (!globalThis.sessionStorage?.getItem(key)) return undefined;
  const current = () => sessionStorage.getItem(key) ?? "";
  return kind === "bearer" ? staticBearer(current) : dssApiKey(current());
}

export function createClients(config: AppConfig) {
  const auth = (name: string, kind: "bearer" | "dss-api-key" = "bearer") => (config.live ? storedCredentials(name, kind) : undefined);
  const [siteA, siteB] = config.dataManager;
  return {
    /** Each Data Manager deployment with its own client. */
    dataManager: [
      { deployment: siteA, client: createDataManagerClient({ baseURL: siteA.baseURL, auth: auth("dm") }) },
      { deployment: siteB, client: createDataManagerClient({ baseURL: siteB.baseURL, auth: auth("dm2") }) },
    ] as const,
    accountServer: createAccountServerClient({ baseURL: config.accountServer.baseURL, auth: auth("as") }),
    dss: createDssClient({ baseURL: config.dss.baseURL, auth: auth("dss", "dss-api-key") }),
    dserver: createDserverClient({ baseURL: config.dserver.baseURL, auth: auth("dserver") }),
  };
}

export type Clients = ReturnType<typeof createClients>;
