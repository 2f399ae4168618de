import { readFileSync } from "node:fs";
import type { Agent } from "node:https";
import { homedir } from "node:os";
import { join } from "node:path";
import { apiKey } from "./api-key.js";
import { dserverTokenGenerator } from "./dserver.js";
import { AuthError } from "./errors.js";
import { defaultTokenFile, FileTokenStore, userConfigDir } from "./file-store.js";
import { fetchWithAgent, insecureHttpsAgent } from "./insecure.js";
import { clientCredentials, type DeviceVerification, deviceGrant, passwordGrant } from "./oidc.js";
import { canPrompt, promptCredentials } from "./prompt.js";
import { staticBearer } from "./static.js";
import type { TokenStore } from "./store.js";
import type { AuthProvider } from "./types.js";
import { warnOnce } from "./warnings.js";

type Env = Record<string, string | undefined>;

/** Common options of every settings resolver. */
export interface ResolveSettingsOptions<Explicit> {
  /** Options given in code; they win over everything else. */
  explicit?: Explicit;
  /** Environment variables (default `process.env`). */
  env?: Env;
  /** The JSON config file whose keys are the same names as the environment variables; `false` reads none. Defaults per service. */
  configFile?: string | false;
  /** Prompt for a missing username/password on a terminal (opt-in; never when `CI` is set or stdin is not a TTY). */
  interactive?: boolean;
  /** Warnings (e.g. TLS verification switched off). Default `console.warn`. */
  onWarning?: (message: string) => void;
}

/** What every resolver returns besides its base URL(s). */
export interface ResolvedTransport {
  /** False when `*_VERIFY_SSL` switched TLS verification off (a warning was given). */
  verifySsl: boolean;
  /** When `verifySsl` is false: an https.Agent that skips certificate checks; pass it to axios (`httpsAgent`). */
  httpsAgent?: Agent;
}

type Source = "explicit" | "environment" | "file";

class SettingReader {
  readonly file: Record<string, unknown>;
  constructor(
    readonly service: string,
    readonly env: Env,
    readonly filePath: string | undefined,
    readonly explicit: Record<string, unknown>,
  ) {
    this.file = filePath ? readJsonConfig(filePath, service) : {};
  }

  /** explicit option, then environment variable, then file key. */
  get(name: string, explicitKey: string): { value: string; source: Source } | undefined {
    const ex = this.explicit[explicitKey];
    if (ex !== undefined && ex !== null && ex !== "") return { value: String(ex), source: "explicit" };
    const ev = this.env[name];
    if (ev !== undefined && ev !== "") return { value: ev, source: "environment" };
    const fv = this.file[name];
    if (fv !== undefined && fv !== null && fv !== "") {
      if (typeof fv !== "string" && typeof fv !== "boolean" && typeof fv !== "number") {
        throw this.error(`"${name}" in ${this.filePath} must be a string`, name);
      }
      return { value: String(fv), source: "file" };
    }
    return undefined;
  }

  where(name: string, explicitKey: string, source: Source): string {
    if (source === "explicit") return `the option \`${explicitKey}\``;
    if (source === "environment") return `the environment variable ${name}`;
    return `"${name}" in ${this.filePath}`;
  }

  string(name: string, explicitKey: string): string | undefined {
    return this.get(name, explicitKey)?.value;
  }

  url(name: string, explicitKey: string, required: boolean): string | undefined {
    const found = this.get(name, explicitKey);
    if (!found) {
      if (required) {
        throw this.error(
          `${this.service}: no URL given; set the environment variable ${name}${this.filePath ? ` or "${name}" in ${this.filePath}` : ""}, or the option \`${explicitKey}\``,
          name,
        );
      }
      return undefined;
    }
    let url: URL;
    try {
      url = new URL(found.value);
    } catch {
      throw this.error(`${this.service}: ${this.where(name, explicitKey, found.source)} is not a valid URL`, name);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw this.error(`${this.service}: ${this.where(name, explicitKey, found.source)} must be an http(s) URL`, name);
    }
    return found.value.replace(/\/+$/, "");
  }

  boolean(name: string, explicitKey: string, fallback: boolean): boolean {
    const ex = this.explicit[explicitKey];
    if (typeof ex === "boolean") return ex;
    const found = this.get(name, explicitKey);
    if (!found) return fallback;
    const v = found.value.trim().toLowerCase();
    if (["1", "true", "yes", "on"].includes(v)) return true;
    if (["0", "false", "no", "off"].includes(v)) return false;
    throw this.error(`${this.service}: ${this.where(name, explicitKey, found.source)} must be true or false`, name);
  }

  error(message: string, setting: string): AuthError {
    return new AuthError(message, { code: "configuration", service: this.service, setting });
  }
}

function readJsonConfig(path: string, service: string): Record<string, unknown> {
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new AuthError(`${service}: the config file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`, {
      code: "configuration",
      service,
      setting: path,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AuthError(`${service}: the config file ${path} is not valid JSON`, { code: "configuration", service, setting: path });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new AuthError(`${service}: the config file ${path} must hold a JSON object`, { code: "configuration", service, setting: path });
  }
  return parsed as Record<string, unknown>;
}

function transport(service: string, verifySsl: boolean, variable: string, warn: (m: string) => void) {
  if (verifySsl) return { verifySsl, transport: { verifySsl } as ResolvedTransport, fetch: undefined };
  warn(`${service}: ${variable} is false: TLS certificates are NOT verified. Use this only for test servers.`);
  const httpsAgent = insecureHttpsAgent();
  return { verifySsl, transport: { verifySsl, httpsAgent } as ResolvedTransport, fetch: fetchWithAgent(httpsAgent) };
}

function interactiveCredentials(
  service: string,
  label: string,
  options: ResolveSettingsOptions<unknown>,
  env: Env,
  username: string | undefined,
  missing: string,
): (() => Promise<{ username: string; password: string }>) | undefined {
  if (!options.interactive) return undefined;
  if (!canPrompt(env)) {
    throw new AuthError(`${service}: ${missing} is not set and no terminal is available to ask for it`, {
      code: "configuration",
      service,
      setting: missing,
    });
  }
  return () => promptCredentials(label, username ? { username } : {});
}

const defaultWarn = warnOnce;

// ---------------------------------------------------------------- dserver

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
 * `DSERVER_VERIFY_SSL=false` skips TLS verification (with a warning).
 */
export function resolveDserverSettings(options: ResolveSettingsOptions<DserverExplicit> = {}): DserverSettings {
  const env = options.env ?? process.env;
  const warn = options.onWarning ?? defaultWarn;
  const file = options.configFile === false ? undefined : (options.configFile ?? defaultDtoolConfigFile());
  const r = new SettingReader("dserver", env, file, { ...options.explicit });
  const baseURL = r.url("DSERVER_URL", "url", true) as string;
  const t = transport("dserver", r.boolean("DSERVER_VERIFY_SSL", "verifySsl", true), "DSERVER_VERIFY_SSL", warn);
  if (r.boolean("DSERVER_DISABLE_AUTHENTICATION", "disableAuthentication", false)) {
    return { service: "dserver", baseURL, auth: undefined, ...t.transport };
  }
  const token = r.string("DSERVER_TOKEN", "token");
  if (token) return { service: "dserver", baseURL, auth: staticBearer(token), ...t.transport };
  const generator = r.url("DSERVER_TOKEN_GENERATOR_URL", "tokenGeneratorUrl", false);
  if (!generator) {
    throw r.error(
      "dserver: no credentials; set DSERVER_TOKEN, or DSERVER_TOKEN_GENERATOR_URL with DSERVER_USERNAME and DSERVER_PASSWORD",
      "DSERVER_TOKEN",
    );
  }
  const username = r.string("DSERVER_USERNAME", "username");
  const password = r.string("DSERVER_PASSWORD", "password");
  const common = t.fetch ? { fetch: t.fetch } : {};
  if (username && password !== undefined) {
    return {
      service: "dserver",
      baseURL,
      auth: dserverTokenGenerator({ tokenGeneratorUrl: generator, username, password, ...common }),
      ...t.transport,
    };
  }
  const missing = username ? "DSERVER_PASSWORD" : "DSERVER_USERNAME";
  const ask = interactiveCredentials("dserver", `dserver (${generator})`, options, env, username, missing);
  if (!ask) {
    throw r.error(
      `dserver: ${missing} is not set (needed with DSERVER_TOKEN_GENERATOR_URL); set it or enable interactive prompting`,
      missing,
    );
  }
  return {
    service: "dserver",
    baseURL,
    auth: dserverTokenGenerator({ tokenGeneratorUrl: generator, credentials: ask, ...common }),
    ...t.transport,
  };
}

// ---------------------------------------------------------------- Squonk2

export interface Squonk2Explicit {
  dmApiUrl?: string;
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
}

export interface Squonk2Settings extends ResolvedTransport {
  service: "squonk2";
  /** Data Manager API base URL (`SQUONK2_DMAPI_URL`), when set. */
  dataManager: { baseURL: string } | undefined;
  /** Account Server API base URL (`SQUONK2_ASAPI_URL`), when set. */
  accountServer: { baseURL: string } | undefined;
  /** One provider for both APIs (same Keycloak). */
  auth: AuthProvider;
}

/** Default config file of the services other than dserver: `<config dir>/sciclients/config.json`. */
export function defaultSciclientsConfigFile(env: Env = process.env): string {
  return join(userConfigDir(env), "sciclients", "config.json");
}

/**
 * Squonk2 (Data Manager and Account Server) settings. Precedence: explicit
 * options, environment, then `<config dir>/sciclients/config.json` (same key
 * names). At least one of `SQUONK2_DMAPI_URL`, `SQUONK2_ASAPI_URL` is needed.
 * Credentials: `SQUONK2_TOKEN`, or Keycloak (`SQUONK2_KEYCLOAK_URL`,
 * `SQUONK2_KEYCLOAK_REALM`, `SQUONK2_KEYCLOAK_CLIENT_ID`, optional
 * `SQUONK2_KEYCLOAK_CLIENT_SECRET`) with `SQUONK2_USERNAME` and
 * `SQUONK2_PASSWORD` (password grant), or with only the client secret
 * (client credentials). `SQUONK2_VERIFY_SSL_CERT=false` skips TLS verification.
 */
export function resolveSquonk2Settings(options: ResolveSettingsOptions<Squonk2Explicit> = {}): Squonk2Settings {
  const env = options.env ?? process.env;
  const warn = options.onWarning ?? defaultWarn;
  const file = options.configFile === false ? undefined : (options.configFile ?? defaultSciclientsConfigFile(env));
  const r = new SettingReader("squonk2", env, file, { ...options.explicit });
  const dm = r.url("SQUONK2_DMAPI_URL", "dmApiUrl", false);
  const as = r.url("SQUONK2_ASAPI_URL", "asApiUrl", false);
  if (!dm && !as) {
    throw r.error(
      `squonk2: no API URL given; set SQUONK2_DMAPI_URL and/or SQUONK2_ASAPI_URL${file ? ` (environment or ${file})` : ""}`,
      "SQUONK2_DMAPI_URL",
    );
  }
  const verify =
    r.boolean("SQUONK2_VERIFY_SSL_CERT", "verifySsl", true) &&
    r.boolean("SQUONK2_DMAPI_VERIFY_SSL_CERT", "verifySsl", true) &&
    r.boolean("SQUONK2_ASAPI_VERIFY_SSL_CERT", "verifySsl", true);
  const t = transport("squonk2", verify, "SQUONK2_VERIFY_SSL_CERT", warn);
  const base = {
    service: "squonk2" as const,
    dataManager: dm ? { baseURL: dm } : undefined,
    accountServer: as ? { baseURL: as } : undefined,
    ...t.transport,
  };
  const token = r.string("SQUONK2_TOKEN", "token");
  if (token) return { ...base, auth: staticBearer(token) };
  const keycloakUrl = r.url("SQUONK2_KEYCLOAK_URL", "keycloakUrl", false);
  const realm = r.string("SQUONK2_KEYCLOAK_REALM", "keycloakRealm");
  const clientId = r.string("SQUONK2_KEYCLOAK_CLIENT_ID", "keycloakClientId");
  if (!keycloakUrl)
    throw r.error(
      "squonk2: no credentials; set SQUONK2_TOKEN, or SQUONK2_KEYCLOAK_URL with the realm, client and user",
      "SQUONK2_KEYCLOAK_URL",
    );
  if (!realm) throw r.error("squonk2: SQUONK2_KEYCLOAK_REALM is not set (needed with SQUONK2_KEYCLOAK_URL)", "SQUONK2_KEYCLOAK_REALM");
  if (!clientId)
    throw r.error("squonk2: SQUONK2_KEYCLOAK_CLIENT_ID is not set (needed with SQUONK2_KEYCLOAK_URL)", "SQUONK2_KEYCLOAK_CLIENT_ID");
  const clientSecret = r.string("SQUONK2_KEYCLOAK_CLIENT_SECRET", "keycloakClientSecret");
  const username = r.string("SQUONK2_USERNAME", "username");
  const password = r.string("SQUONK2_PASSWORD", "password");
  const oidcCommon = {
    keycloakUrl,
    realm,
    clientId,
    ...(clientSecret ? { clientSecret } : {}),
    ...(t.fetch ? { fetch: t.fetch } : {}),
    ...(options.explicit?.store ? { store: options.explicit.store } : {}),
  };
  if (username && password !== undefined) {
    return { ...base, auth: passwordGrant({ ...oidcCommon, username, password, scope: "openid offline_access" }) };
  }
  if (!username && clientSecret) {
    return { ...base, auth: clientCredentials({ ...oidcCommon, clientSecret }) };
  }
  const missing = username ? "SQUONK2_PASSWORD" : "SQUONK2_USERNAME";
  const ask = interactiveCredentials("squonk2", `Squonk2 (${keycloakUrl}, realm ${realm})`, options, env, username, missing);
  if (!ask) throw r.error(`squonk2: ${missing} is not set; set it or enable interactive prompting`, missing);
  return { ...base, auth: passwordGrant({ ...oidcCommon, credentials: ask, scope: "openid offline_access" }) };
}

// ---------------------------------------------------------------- Dataiku DSS

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

/**
 * Dataiku DSS settings: `DSS_HOST` (e.g. `https://dss.example.org:11200`),
 * `DSS_API_KEY`, optional `DSS_AUTH_SCHEME` (`basic` default, `bearer`,
 * `header`, sending the key alone in `DSS_AUTH_HEADER`, default
 * `X-DKU-APITicket`) and `DSS_VERIFY_SSL`. Precedence: explicit, environment,
 * `<config dir>/sciclients/config.json`.
 */
export function resolveDssSettings(options: ResolveSettingsOptions<DssExplicit> = {}): DssSettings {
  const env = options.env ?? process.env;
  const warn = options.onWarning ?? defaultWarn;
  const file = options.configFile === false ? undefined : (options.configFile ?? defaultSciclientsConfigFile(env));
  const r = new SettingReader("dss", env, file, { ...options.explicit });
  const host = r.url("DSS_HOST", "host", true) as string;
  const key = r.string("DSS_API_KEY", "apiKey");
  if (!key) throw r.error(`dss: DSS_API_KEY is not set${file ? ` (environment or ${file})` : ""}`, "DSS_API_KEY");
  const scheme = r.string("DSS_AUTH_SCHEME", "authScheme") ?? "basic";
  if (scheme !== "basic" && scheme !== "bearer" && scheme !== "header") {
    throw r.error(`dss: DSS_AUTH_SCHEME must be basic, bearer or header (got "${scheme}")`, "DSS_AUTH_SCHEME");
  }
  const t = transport("dss", r.boolean("DSS_VERIFY_SSL", "verifySsl", true), "DSS_VERIFY_SSL", warn);
  const baseURL = host.endsWith("/public/api") ? host : `${host}/public/api`;
  const headerName = r.string("DSS_AUTH_HEADER", "authHeader") ?? "X-DKU-APITicket";
  return { service: "dss", baseURL, host, auth: apiKey(key, { scheme, headerName }), ...t.transport };
}

// ---------------------------------------------------------------- IceProd

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

export const ICEPROD_DEFAULTS = {
  apiUrl: "https://api.iceprod.icecube.aq",
  keycloakUrl: "https://keycloak.icecube.wisc.edu/auth",
  realm: "IceCube",
  clientId: "iceprod-public",
} as const;

/**
 * IceProd settings: `ICEPROD_API_URL` (default the public deployment),
 * `ICEPROD_TOKEN` (fixed token), or Keycloak `ICEPROD_KEYCLOAK_URL`
 * (default `https://keycloak.icecube.wisc.edu/auth`), `ICEPROD_KEYCLOAK_REALM`
 * (default `IceCube`), `ICEPROD_CLIENT_ID` (default `iceprod-public`).
 * With `ICEPROD_CLIENT_SECRET`: client credentials (services); otherwise the
 * device grant, with the refresh token saved in `ICEPROD_TOKEN_FILE`
 * (default `<config dir>/sciclients/iceprod-tokens.json`, mode 0600).
 */
export function resolveIceProdSettings(options: ResolveSettingsOptions<IceProdExplicit> = {}): IceProdSettings {
  const env = options.env ?? process.env;
  const warn = options.onWarning ?? defaultWarn;
  const file = options.configFile === false ? undefined : (options.configFile ?? defaultSciclientsConfigFile(env));
  const r = new SettingReader("iceprod", env, file, { ...options.explicit });
  const baseURL = r.url("ICEPROD_API_URL", "apiUrl", false) ?? ICEPROD_DEFAULTS.apiUrl;
  const t = transport("iceprod", r.boolean("ICEPROD_VERIFY_SSL", "verifySsl", true), "ICEPROD_VERIFY_SSL", warn);
  const token = r.string("ICEPROD_TOKEN", "token");
  if (token) return { service: "iceprod", baseURL, auth: staticBearer(token), ...t.transport };
  const oidcCommon = {
    keycloakUrl: r.url("ICEPROD_KEYCLOAK_URL", "keycloakUrl", false) ?? ICEPROD_DEFAULTS.keycloakUrl,
    realm: r.string("ICEPROD_KEYCLOAK_REALM", "realm") ?? ICEPROD_DEFAULTS.realm,
    clientId: r.string("ICEPROD_CLIENT_ID", "clientId") ?? ICEPROD_DEFAULTS.clientId,
    ...(t.fetch ? { fetch: t.fetch } : {}),
  };
  const clientSecret = r.string("ICEPROD_CLIENT_SECRET", "clientSecret");
  if (clientSecret) {
    return { service: "iceprod", baseURL, auth: clientCredentials({ ...oidcCommon, clientSecret }), ...t.transport };
  }
  const store =
    options.explicit?.store ??
    new FileTokenStore({ path: r.string("ICEPROD_TOKEN_FILE", "tokenFile") ?? defaultTokenFile("iceprod-tokens.json", env) });
  const onVerification = options.explicit?.onVerification;
  return {
    service: "iceprod",
    baseURL,
    auth: deviceGrant({ ...oidcCommon, store, ...(onVerification ? { onVerification } : {}) }),
    ...t.transport,
  };
}
