// `@sciclients/account-server-client/node`: the Squonk2 settings of the Account
// Server (SQUONK2_* variables and the sciclients config file) and a client
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
import { type AccountServerClient, type AccountServerClientOptions, createAccountServerClient } from "./client.js";

export interface AccountServerExplicit {
  asApiUrl?: string;
  token?: string;
  keycloakUrl?: string;
  keycloakRealm?: string;
  keycloakClientId?: string;
  keycloakClientSecret?: string;
  username?: string;
  password?: string;
  verifySsl?: boolean;
  store?: TokenStore;
  /** A provider to use instead of reading credentials: the Data Manager's, so that both APIs share one sign-in. */
  auth?: AuthProvider;
}

export interface AccountServerSettings extends ResolvedTransport {
  service: "account-server";
  baseURL: string;
  auth: AuthProvider;
}

const AS_URL = { variable: "SQUONK2_ASAPI_URL", option: "asApiUrl" };
const VERIFY_SSL = [
  { variable: "SQUONK2_VERIFY_SSL_CERT", option: "verifySsl" },
  { variable: "SQUONK2_ASAPI_VERIFY_SSL_CERT", option: "verifySsl" },
];
/** Squonk2's Keycloak settings, shared with the Data Manager's resolver. */
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
 * Account Server settings. Precedence: explicit options, environment, then
 * `<config dir>/sciclients/config.json` (same key names). `SQUONK2_ASAPI_URL`
 * is required. Credentials: `SQUONK2_TOKEN`, or Keycloak
 * (`SQUONK2_KEYCLOAK_URL`, `SQUONK2_KEYCLOAK_REALM`,
 * `SQUONK2_KEYCLOAK_CLIENT_ID`, optional `SQUONK2_KEYCLOAK_CLIENT_SECRET`) with
 * `SQUONK2_USERNAME` and `SQUONK2_PASSWORD` (password grant; prompted for when
 * `interactive`), or with only the client secret (client credentials).
 * `SQUONK2_VERIFY_SSL_CERT=false` (or `SQUONK2_ASAPI_VERIFY_SSL_CERT`) skips
 * TLS verification. http URLs need `allowInsecureHttp` or `SCICLIENTS_ALLOW_HTTP=1`.
 */
export function resolveAccountServerSettings(options: ResolveSettingsOptions<AccountServerExplicit> = {}): AccountServerSettings {
  const r = new SettingsReader("account-server", options, defaultSciclientsConfigFile);
  const baseURL = r.url(AS_URL, { required: true, carriesCredentials: true }) as string;
  const { fetch, ...transport } = r.transport(...VERIFY_SSL);
  const store = r.option<TokenStore>("store");
  const auth =
    r.option<AuthProvider>("auth") ??
    keycloakSignIn(r, SIGN_IN, { label: "Squonk2", ...(fetch ? { fetch } : {}), ...(store ? { store } : {}) });
  return { service: "account-server", baseURL, auth, ...transport };
}

/** An Account Server client from {@link resolveAccountServerSettings}: its base URL, provider and TLS agent; `client` adds other client options. */
export function createAccountServerClientFromSettings(
  options: ResolveSettingsOptions<AccountServerExplicit> = {},
  client: Omit<AccountServerClientOptions, "baseURL" | "auth"> = {},
): AccountServerClient {
  const { baseURL, auth, httpsAgent } = resolveAccountServerSettings(options);
  return createAccountServerClient({ ...client, baseURL, auth, ...(httpsAgent ? { axios: { ...client.axios, httpsAgent } } : {}) });
}
