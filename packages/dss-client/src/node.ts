// `@sciclients/dss-client/node`: Dataiku DSS settings (DSS_* variables and the
// sciclients config file) and a client built from them. Node only; needs
// `@sciclients/auth` (an optional peer dependency, for this entry only).
import {
  type AuthProvider,
  apiKey,
  defaultSciclientsConfigFile,
  type ResolvedTransport,
  type ResolveSettingsOptions,
  SettingsReader,
} from "@sciclients/auth/node";
import { createDssClient, type DssClient, type DssClientOptions } from "./client.js";

export interface DssExplicit {
  host?: string;
  apiKey?: string;
  authScheme?: "basic" | "bearer" | "header";
  /** Header for `authScheme: "header"` (default `X-DKU-APITicket`). */
  authHeader?: string;
  verifySsl?: boolean;
}

export interface DssSettings extends ResolvedTransport {
  service: "dss";
  /** `<host>/public/api`. */
  baseURL: string;
  host: string;
  auth: AuthProvider;
}

const HOST = { variable: "DSS_HOST", option: "host" };
const API_KEY = { variable: "DSS_API_KEY", option: "apiKey" };
const SCHEME = { variable: "DSS_AUTH_SCHEME", option: "authScheme" };
const HEADER = { variable: "DSS_AUTH_HEADER", option: "authHeader" };
const VERIFY_SSL = { variable: "DSS_VERIFY_SSL", option: "verifySsl" };

/**
 * Dataiku DSS settings: `DSS_HOST` (e.g. `https://dss.example.org:11200`),
 * `DSS_API_KEY`, optional `DSS_AUTH_SCHEME` (`basic` default, `bearer`,
 * `header`, sending the key alone in `DSS_AUTH_HEADER`, default
 * `X-DKU-APITicket`) and `DSS_VERIFY_SSL`. Precedence: explicit, environment,
 * `<config dir>/sciclients/config.json`. An http host needs
 * `allowInsecureHttp` or `SCICLIENTS_ALLOW_HTTP=1`.
 */
export function resolveDssSettings(options: ResolveSettingsOptions<DssExplicit> = {}): DssSettings {
  const r = new SettingsReader("dss", options, defaultSciclientsConfigFile);
  const host = r.url(HOST, { required: true, carriesCredentials: true }) as string;
  const key = r.string(API_KEY);
  if (!key) throw r.error(`dss: ${API_KEY.variable} is not set; ${r.howToSet(API_KEY)}`, API_KEY.variable, "no_credentials");
  const scheme = r.string(SCHEME) ?? "basic";
  if (scheme !== "basic" && scheme !== "bearer" && scheme !== "header") {
    throw r.error(`dss: ${SCHEME.variable} must be basic, bearer or header (got "${scheme}")`, SCHEME.variable);
  }
  const { fetch: _tokenFetch, ...transport } = r.transport(VERIFY_SSL);
  const baseURL = host.endsWith("/public/api") ? host : `${host}/public/api`;
  const headerName = r.string(HEADER) ?? "X-DKU-APITicket";
  return { service: "dss", baseURL, host, auth: apiKey(key, { scheme, headerName }), ...transport };
}

/** A DSS client from {@link resolveDssSettings}: its base URL, API key and TLS agent; `client` adds other client options. */
export function createDssClientFromSettings(
  options: ResolveSettingsOptions<DssExplicit> = {},
  client: Omit<DssClientOptions, "baseURL" | "auth"> = {},
): DssClient {
  const { baseURL, auth, httpsAgent } = resolveDssSettings(options);
  return createDssClient({ ...client, baseURL, auth, ...(httpsAgent ? { axios: { ...client.axios, httpsAgent } } : {}) });
}
