// `@sciclients/data-manager-client/node`: the Squonk2 settings of the Data
// Manager (SQUONK2_* variables and the sciclients config file) and a client
// built from them. Node only; needs `@sciclients/auth` (an optional peer
// dependency, for this entry only).
import {
  type AuthProvider,
  defaultSciclientsConfigFile,
  keycloakSignIn,
  type ResolvedTransport,
  type ResolveSettingsOptions,
  SettingsReader,
  type TokenStore,
} from "@sciclients/auth/node";
import { createDataManagerClient, type DataManagerClient, type DataManagerClientOptions } from "./client.js";

export interface DataManagerExplicit {
  dmApiUrl?: string;
  token?: string;
  keycloakUrl?: string;
  keycloakRealm?: string;
  keycloakClientId?: string;
  keycloakClientSecret?: string;
  username?: string;
  password?: string;
  verifySsl?: boolean;
  store?: TokenStore;
  /** A provider to use instead of reading credentials: the Account Server's, so that both APIs share one sign-in. */
  auth?: AuthProvider;
}

export interface DataManagerSettings extends ResolvedTransport {
  service: "data-manager";
  baseURL: string;
  auth: AuthProvider;
}

const DM_URL = { variable: "SQUONK2_DMAPI_URL", option: "dmApiUrl" };
const VERIFY_SSL = [
  { variable: "SQUONK2_VERIFY_SSL_CERT", option: "verifySsl" },
  { variable: "SQUONK2_DMAPI_VERIFY_SSL_CERT", option: "verifySsl" },
];
/** Squonk2's Keycloak settings, shared with the Account Server's resolver. */
const SIGN_IN = {
  token: { variable: "SQUONK2_TOKEN", option: "token" },
  keycloakUrl: { variable: "SQUONK2_KEYCLOAK_URL", option: "keycloakUrl" },
  realm: { variable: "SQUONK2_KEYCLOAK_REALM", option: "keycloakRealm" },
  clientId: { variable: "SQUONK2_KEYCLOAK_CLIENT_ID", option: "keycloakClientId" },
  clientSecret: { variable: "SQUONK2_KEYCLOAK_CLIENT_SECRET", option: "keycloakClientSecret" },
  username: { variable: "SQUONK2_USERNAME", option: "username" },
  password: { variable: "SQUONK2_PASSWORD", option: "password" },
};

/**
 * Data Manager settings. Precedence: explicit options, environment, then
 * `<config dir>/sciclients/config.json` (same key names). `SQUONK2_DMAPI_URL`
 * is required. Credentials: `SQUONK2_TOKEN`, or Keycloak
 * (`SQUONK2_KEYCLOAK_URL`, `SQUONK2_KEYCLOAK_REALM`,
 * `SQUONK2_KEYCLOAK_CLIENT_ID`, optional `SQUONK2_KEYCLOAK_CLIENT_SECRET`) with
 * `SQUONK2_USERNAME` and `SQUONK2_PASSWORD` (password grant; prompted for when
 * `interactive`), or with only the client secret (client credentials).
 * `SQUONK2_VERIFY_SSL_CERT=false` (or `SQUONK2_DMAPI_VERIFY_SSL_CERT`) skips
 * TLS verification. http URLs need `allowInsecureHttp` or `SCICLIENTS_ALLOW_HTTP=1`.
 */
export function resolveDataManagerSettings(options: ResolveSettingsOptions<DataManagerExplicit> = {}): DataManagerSettings {
  const r = new SettingsReader("data-manager", options, defaultSciclientsConfigFile);
  const baseURL = r.url(DM_URL, { required: true, carriesCredentials: true }) as string;
  const { fetch, ...transport } = r.transport(...VERIFY_SSL);
  const store = r.option<TokenStore>("store");
  const auth =
    r.option<AuthProvider>("auth") ??
    keycloakSignIn(r, SIGN_IN, { label: "Squonk2", ...(fetch ? { fetch } : {}), ...(store ? { store } : {}) });
  return { service: "data-manager", baseURL, auth, ...transport };
}

/** A Data Manager client from {@link resolveDataManagerSettings}: its base URL, provider and TLS agent; `client` adds other client options. */
export function createDataManagerClientFromSettings(
  options: ResolveSettingsOptions<DataManagerExplicit> = {},
  client: Omit<DataManagerClientOptions, "baseURL" | "auth"> = {},
): DataManagerClient {
  const { baseURL, auth, httpsAgent } = resolveDataManagerSettings(options);
  return createDataManagerClient({ ...client, baseURL, auth, ...(httpsAgent ? { axios: { ...client.axios, httpsAgent } } : {}) });
}
