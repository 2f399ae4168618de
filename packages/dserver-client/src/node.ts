// `@sciclients/dserver-client/node`: dserver's settings (the dtool tools'
// DSERVER_* variables and ~/.config/dtool/dtool.json) and a client built from
// them. Node only; needs `@sciclients/auth` (an optional peer dependency, for
// this entry only).
import { homedir } from "node:os";
import { join } from "node:path";
import {
  type AuthProvider,
  dserverTokenGenerator,
  type ResolvedTransport,
  type ResolveSettingsOptions,
  SettingsReader,
  staticBearer,
} from "@sciclients/auth/node";
import { createDserverClient, type DserverClient, type DserverClientOptions } from "./client.js";

export interface DserverExplicit {
  url?: string;
  token?: string;
  tokenGeneratorUrl?: string;
  username?: string;
  password?: string;
  verifySsl?: boolean;
  disableAuthentication?: boolean;
}

export interface DserverSettings extends ResolvedTransport {
  service: "dserver";
  baseURL: string;
  /** Undefined when `DSERVER_DISABLE_AUTHENTICATION` is true. */
  auth: AuthProvider | undefined;
}

const URL_SETTING = { variable: "DSERVER_URL", option: "url" };
const TOKEN = { variable: "DSERVER_TOKEN", option: "token" };
const GENERATOR = { variable: "DSERVER_TOKEN_GENERATOR_URL", option: "tokenGeneratorUrl" };
const USERNAME = { variable: "DSERVER_USERNAME", option: "username" };
const PASSWORD = { variable: "DSERVER_PASSWORD", option: "password" };
const VERIFY_SSL = { variable: "DSERVER_VERIFY_SSL", option: "verifySsl" };
const NO_AUTH = { variable: "DSERVER_DISABLE_AUTHENTICATION", option: "disableAuthentication" };

/** Default dserver config file: `~/.config/dtool/dtool.json` (the dtool Python tools' file). */
export function defaultDtoolConfigFile(): string {
  return join(homedir(), ".config", "dtool", "dtool.json");
}

/**
 * dserver settings. Precedence: explicit options, then environment, then the
 * dtool config file (`~/.config/dtool/dtool.json`, same key names).
 * `DSERVER_URL` is required. Credentials: `DSERVER_TOKEN` (a fixed token), or
 * `DSERVER_TOKEN_GENERATOR_URL` with `DSERVER_USERNAME` and
 * `DSERVER_PASSWORD` (prompted for on a terminal when `interactive`).
 * `DSERVER_VERIFY_SSL=false` skips TLS verification (with a warning). URLs
 * that credentials go to must be https unless `allowInsecureHttp` or
 * `SCICLIENTS_ALLOW_HTTP=1`.
 */
export function resolveDserverSettings(options: ResolveSettingsOptions<DserverExplicit> = {}): DserverSettings {
  const r = new SettingsReader("dserver", options, defaultDtoolConfigFile());
  const disabled = r.boolean(NO_AUTH, false);
  const baseURL = r.url(URL_SETTING, { required: true, carriesCredentials: !disabled }) as string;
  const { fetch, ...transport } = r.transport(VERIFY_SSL);
  const settings = (auth: AuthProvider | undefined): DserverSettings => ({ service: "dserver", baseURL, auth, ...transport });
  if (disabled) return settings(undefined);
  const token = r.string(TOKEN);
  if (token) return settings(staticBearer(token));
  const tokenGeneratorUrl = r.url(GENERATOR, { carriesCredentials: true });
  if (!tokenGeneratorUrl) {
    throw r.error(
      `dserver: no credentials; set ${TOKEN.variable}, or ${GENERATOR.variable} with ${USERNAME.variable} and ${PASSWORD.variable}${r.configFile ? ` (environment or ${r.configFile})` : ""}`,
      TOKEN.variable,
      "no_credentials",
    );
  }
  const username = r.string(USERNAME);
  const password = r.string(PASSWORD);
  const common = { tokenGeneratorUrl, service: "dserver", ...(fetch ? { fetch } : {}) };
  if (username && password) return settings(dserverTokenGenerator({ ...common, username, password }));
  const missing = username ? PASSWORD : USERNAME;
  const ask = r.promptOrFail(`dserver (${tokenGeneratorUrl})`, username, missing, ` (needed with ${GENERATOR.variable})`);
  return settings(dserverTokenGenerator({ ...common, credentials: ask }));
}

/** A dserver client from {@link resolveDserverSettings}: its base URL, provider and TLS agent; `client` adds other client options. */
export function createDserverClientFromSettings(
  options: ResolveSettingsOptions<DserverExplicit> = {},
  client: Omit<DserverClientOptions, "baseURL" | "auth"> = {},
): DserverClient {
  const { baseURL, auth, httpsAgent } = resolveDserverSettings(options);
  return createDserverClient({
    ...client,
    baseURL,
    ...(auth ? { auth } : {}),
    ...(httpsAgent ? { axios: { ...client.axios, httpsAgent } } : {}),
  });
}
