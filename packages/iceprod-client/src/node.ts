// `@sciclients/iceprod-client/node`: IceProd settings (ICEPROD_* variables and
// the sciclients config file) and a client built from them. Node only; needs
// `@sciclients/auth` (an optional peer dependency, for this entry only).
import {
  type AuthProvider,
  type DeviceVerification,
  defaultSciclientsConfigFile,
  defaultTokenFile,
  FileTokenStore,
  keycloakSignIn,
  type ResolvedTransport,
  type ResolveSettingsOptions,
  SettingsReader,
  type TokenStore,
} from "@sciclients/auth/node";
import { createIceprodClient, ICEPROD_BASE_URL, type IceprodClient, type IceprodClientOptions } from "./client.js";

export interface IceProdExplicit {
  apiUrl?: string;
  token?: string;
  keycloakUrl?: string;
  realm?: string;
  clientId?: string;
  clientSecret?: string;
  tokenFile?: string;
  store?: TokenStore;
  onVerification?: (verification: DeviceVerification) => void | Promise<void>;
  verifySsl?: boolean;
}

export interface IceProdSettings extends ResolvedTransport {
  service: "iceprod";
  baseURL: string;
  auth: AuthProvider;
}

/** The public deployment's API and Keycloak, used when no setting names others. */
export const ICEPROD_DEFAULTS = {
  apiUrl: ICEPROD_BASE_URL,
  keycloakUrl: "https://keycloak.icecube.wisc.edu/auth",
  realm: "IceCube",
  clientId: "iceprod-public",
} as const;

const API_URL = { variable: "ICEPROD_API_URL", option: "apiUrl" };
const TOKEN_FILE = { variable: "ICEPROD_TOKEN_FILE", option: "tokenFile" };
const VERIFY_SSL = { variable: "ICEPROD_VERIFY_SSL", option: "verifySsl" };
const SIGN_IN = {
  token: { variable: "ICEPROD_TOKEN", option: "token" },
  keycloakUrl: { variable: "ICEPROD_KEYCLOAK_URL", option: "keycloakUrl" },
  realm: { variable: "ICEPROD_KEYCLOAK_REALM", option: "realm" },
  clientId: { variable: "ICEPROD_CLIENT_ID", option: "clientId" },
  clientSecret: { variable: "ICEPROD_CLIENT_SECRET", option: "clientSecret" },
};

/**
 * IceProd settings: `ICEPROD_API_URL` (default the public deployment),
 * `ICEPROD_TOKEN` (fixed token), or Keycloak `ICEPROD_KEYCLOAK_URL`
 * (default `https://keycloak.icecube.wisc.edu/auth`), `ICEPROD_KEYCLOAK_REALM`
 * (default `IceCube`), `ICEPROD_CLIENT_ID` (default `iceprod-public`).
 * With `ICEPROD_CLIENT_SECRET`: client credentials (services); otherwise the
 * device grant, with the refresh token saved in `ICEPROD_TOKEN_FILE`
 * (default `<config dir>/sciclients/iceprod-tokens.json`, mode 0600).
 * http URLs need `allowInsecureHttp` or `SCICLIENTS_ALLOW_HTTP=1`.
 */
export function resolveIceProdSettings(options: ResolveSettingsOptions<IceProdExplicit> = {}): IceProdSettings {
  const r = new SettingsReader("iceprod", options, defaultSciclientsConfigFile);
  const baseURL = r.url(API_URL, { carriesCredentials: true }) ?? ICEPROD_DEFAULTS.apiUrl;
  const { fetch, ...transport } = r.transport(VERIFY_SSL);
  const onVerification = r.option<IceProdExplicit["onVerification"]>("onVerification");
  const auth = keycloakSignIn(r, SIGN_IN, {
    label: "IceProd",
    defaults: ICEPROD_DEFAULTS,
    ...(fetch ? { fetch } : {}),
    device: {
      store: () =>
        r.option<TokenStore>("store") ??
        new FileTokenStore({ path: r.string(TOKEN_FILE) ?? defaultTokenFile("iceprod-tokens.json", r.env) }),
      ...(onVerification ? { onVerification } : {}),
    },
  });
  return { service: "iceprod", baseURL, auth, ...transport };
}

/** An IceProd client from {@link resolveIceProdSettings}: its base URL, provider and TLS agent; `client` adds other client options. */
export function createIceprodClientFromSettings(
  options: ResolveSettingsOptions<IceProdExplicit> = {},
  client: Omit<IceprodClientOptions, "baseURL" | "auth"> = {},
): IceprodClient {
  const { baseURL, auth, httpsAgent } = resolveIceProdSettings(options);
  return createIceprodClient({ ...client, baseURL, auth, ...(httpsAgent ? { axios: { ...client.axios, httpsAgent } } : {}) });
}
