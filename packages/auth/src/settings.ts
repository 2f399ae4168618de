// The generic machinery of the settings resolvers each client package offers
// under its `/node` entry (e.g. @sciclients/dserver-client/node): precedence of explicit options, the
// environment and a JSON config file; errors naming the setting and where it
// came from; plain-http and TLS switches; prompting; and a Keycloak sign-in
// chosen from settings. Nothing here knows a service: the resolvers pass the
// names of their variables.
import { readFileSync } from "node:fs";
import type { Agent } from "node:https";
import { join } from "node:path";
import { AuthError, type AuthErrorCode } from "./errors.js";
import { userConfigDir } from "./file-store.js";
import { fetchWithAgent, insecureHttpsAgent } from "./insecure.js";
import { clientCredentials, type DeviceGrantOptions, deviceGrant, passwordGrant } from "./oidc.js";
import { canPrompt, promptCredentials } from "./prompt.js";
import { staticBearer } from "./static.js";
import type { TokenStore } from "./store.js";
import type { AuthProvider } from "./types.js";
import { displayUrl } from "./util.js";
import { warnOnce } from "./warnings.js";

/** Environment variables, as `process.env`. */
export type Env = Record<string, string | undefined>;

/** The variable that allows plain-http URLs in every resolver (`1`, `true`, `yes` or `on`). */
export const ALLOW_HTTP_VARIABLE = "SCICLIENTS_ALLOW_HTTP";

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
  /** Warnings (e.g. TLS verification switched off). Default: `console.warn`, each message once per process. */
  onWarning?: (message: string) => void;
  /**
   * Allow plain `http://` URLs for the API, Keycloak and token generator, to
   * which credentials are sent (local deployments and tests only). Also
   * `SCICLIENTS_ALLOW_HTTP=1` in the environment or the config file.
   */
  allowInsecureHttp?: boolean;
}

/** What every resolver returns besides its base URL(s). */
export interface ResolvedTransport {
  /** False when `*_VERIFY_SSL` switched TLS verification off (a warning was given). */
  verifySsl: boolean;
  /** When `verifySsl` is false: an https.Agent that skips certificate checks; pass it to axios (`httpsAgent`). */
  httpsAgent?: Agent;
}

/** A setting: its environment variable / config-file key, and its key in the `explicit` options. */
export interface SettingName {
  variable: string;
  option: string;
}

type Source = "explicit" | "environment" | "file";

/** Default config file of the sciclients settings: `<config dir>/sciclients/config.json`. */
export function defaultSciclientsConfigFile(env: Env = process.env): string {
  return join(userConfigDir(env), "sciclients", "config.json");
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

const TRUE = ["1", "true", "yes", "on"];
const FALSE = ["0", "false", "no", "off"];

/**
 * Reads one service's settings: explicit option, then environment variable,
 * then config-file key. Every error is an {@link AuthError} naming the
 * service, the setting and where its value came from.
 */
export class SettingsReader {
  readonly service: string;
  readonly env: Env;
  /** The config file read, when any. */
  readonly configFile: string | undefined;
  readonly interactive: boolean;
  readonly warn: (message: string) => void;
  readonly #explicit: Record<string, unknown>;
  readonly #file: Record<string, unknown>;
  readonly #allowHttpOption: boolean | undefined;

  /** `defaultConfigFile` is used unless `options.configFile` names another file or is `false`. */
  constructor(service: string, options: ResolveSettingsOptions<object>, defaultConfigFile: string | ((env: Env) => string)) {
    this.service = service;
    this.env = options.env ?? process.env;
    this.configFile =
      options.configFile === false
        ? undefined
        : (options.configFile ?? (typeof defaultConfigFile === "function" ? defaultConfigFile(this.env) : defaultConfigFile));
    this.interactive = options.interactive === true;
    this.warn = options.onWarning ?? warnOnce;
    this.#explicit = { ...(options.explicit as Record<string, unknown> | undefined) };
    this.#file = this.configFile ? readJsonConfig(this.configFile, service) : {};
    this.#allowHttpOption = options.allowInsecureHttp;
  }

  /** The value and where it came from: explicit option, then environment variable, then file key. Empty values count as unset. */
  get(name: SettingName): { value: string; source: Source } | undefined {
    const ex = this.#explicit[name.option];
    if (ex !== undefined && ex !== null && ex !== "") return { value: String(ex), source: "explicit" };
    const ev = this.env[name.variable];
    if (ev !== undefined && ev !== "") return { value: ev, source: "environment" };
    const fv = this.#file[name.variable];
    if (fv !== undefined && fv !== null && fv !== "") {
      if (typeof fv !== "string" && typeof fv !== "boolean" && typeof fv !== "number") {
        throw this.error(`"${name.variable}" in ${this.configFile} must be a string`, name.variable);
      }
      return { value: String(fv), source: "file" };
    }
    return undefined;
  }

  /** An explicit option that is not a string (a token store, a callback, a provider). */
  option<T>(key: string): T | undefined {
    return this.#explicit[key] as T | undefined;
  }

  /** Where a value came from, in words: "the option `url`", "the environment variable X_URL", "\"X_URL\" in <file>". */
  where(name: SettingName, source: Source): string {
    if (source === "explicit") return `the option \`${name.option}\``;
    if (source === "environment") return `the environment variable ${name.variable}`;
    return `"${name.variable}" in ${this.configFile}`;
  }

  /** How to give a setting that is missing. */
  howToSet(name: SettingName): string {
    return `set the environment variable ${name.variable}${this.configFile ? ` or "${name.variable}" in ${this.configFile}` : ""}, or the option \`${name.option}\``;
  }

  string(name: SettingName): string | undefined {
    return this.get(name)?.value;
  }

  /** True when plain http is allowed: the option `allowInsecureHttp`, else `SCICLIENTS_ALLOW_HTTP` (environment, then file). */
  get allowHttp(): boolean {
    if (this.#allowHttpOption !== undefined) return this.#allowHttpOption;
    return this.boolean({ variable: ALLOW_HTTP_VARIABLE, option: "allowInsecureHttp" }, false);
  }

  /**
   * An http(s) URL without trailing slashes. `carriesCredentials`: credentials
   * are sent there, so plain http is refused unless {@link allowHttp}.
   */
  url(name: SettingName, { required = false, carriesCredentials = false } = {}): string | undefined {
    const found = this.get(name);
    if (!found) {
      if (required) throw this.error(`${this.service}: no URL given; ${this.howToSet(name)}`, name.variable);
      return undefined;
    }
    let url: URL;
    try {
      url = new URL(found.value);
    } catch {
      throw this.error(`${this.service}: ${this.where(name, found.source)} is not a valid URL`, name.variable);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw this.error(`${this.service}: ${this.where(name, found.source)} must be an http(s) URL`, name.variable);
    }
    if (url.protocol === "http:" && carriesCredentials && !this.allowHttp) {
      throw this.error(
        `${this.service}: ${this.where(name, found.source)} is a plain http URL (${displayUrl(found.value)}) and credentials would be sent to it; use https, or allow http with the option \`allowInsecureHttp: true\` or the environment variable ${ALLOW_HTTP_VARIABLE}=1 (local deployments and tests only)`,
        name.variable,
      );
    }
    return found.value.replace(/\/+$/, "");
  }

  boolean(name: SettingName, fallback: boolean): boolean {
    const ex = this.#explicit[name.option];
    if (typeof ex === "boolean") return ex;
    const found = this.get(name);
    if (!found) return fallback;
    const v = found.value.trim().toLowerCase();
    if (TRUE.includes(v)) return true;
    if (FALSE.includes(v)) return false;
    throw this.error(`${this.service}: ${this.where(name, found.source)} must be true or false`, name.variable);
  }

  /**
   * TLS verification from the given switches (all must be true to verify).
   * Switched off: a warning, an https.Agent that skips certificate checks for
   * axios, and a fetch over it for token requests.
   */
  transport(...switches: SettingName[]): ResolvedTransport & { fetch?: typeof globalThis.fetch } {
    const off = switches.find((name) => !this.boolean(name, true));
    if (!off) return { verifySsl: true };
    this.warn(`${this.service}: ${off.variable} is false: TLS certificates are NOT verified. Use this only for test servers.`);
    const httpsAgent = insecureHttpsAgent();
    return { verifySsl: false, httpsAgent, fetch: fetchWithAgent(httpsAgent) };
  }

  /** An AuthError about a setting (`configuration` unless another code is given). */
  error(message: string, setting: string, code: AuthErrorCode = "configuration"): AuthError {
    return new AuthError(message, { code, service: this.service, setting });
  }

  /**
   * With `interactive`, a callback that asks for the username and password on
   * the terminal; without it (or without a terminal) a `no_credentials` error
   * naming the missing setting.
   */
  promptOrFail(
    label: string,
    username: string | undefined,
    missing: SettingName,
    needed: string,
  ): () => Promise<{ username: string; password: string }> {
    const how = `${this.howToSet(missing)}${needed}`;
    if (!this.interactive) {
      throw this.error(
        `${this.service}: ${missing.variable} is not set; ${how}, or pass \`interactive: true\` to be asked on a terminal`,
        missing.variable,
        "no_credentials",
      );
    }
    if (!canPrompt(this.env)) {
      throw this.error(
        `${this.service}: ${missing.variable} is not set and no terminal is available to ask for it; ${how}`,
        missing.variable,
        "no_credentials",
      );
    }
    return () => promptCredentials(label, username ? { username } : {});
  }
}

/** The settings of a Keycloak (OpenID) sign-in, by name. */
export interface KeycloakSettingNames {
  /** A fixed access token: a static bearer, no sign-in. */
  token: SettingName;
  keycloakUrl: SettingName;
  realm: SettingName;
  clientId: SettingName;
  clientSecret: SettingName;
  /** With `password`: the password grant (prompted for when `interactive`). Without them no password grant is offered. */
  username?: SettingName;
  password?: SettingName;
}

export interface KeycloakSignInChoices {
  /** Values used when a setting is not given (a service's public deployment). */
  defaults?: { keycloakUrl?: string; realm?: string; clientId?: string };
  /**
   * When there is no token, client secret or user: the device grant, its
   * refresh token kept in the store `store()` makes (called only then), else
   * credentials are missing.
   */
  device?: Pick<DeviceGrantOptions, "onVerification"> & { store?: () => TokenStore };
  /** Scope of the password grant (default `openid offline_access`). */
  scope?: string;
  /** Where tokens are kept. */
  store?: TokenStore;
  /** A fetch for the token requests (TLS verification switched off). */
  fetch?: typeof globalThis.fetch;
  /** How the service is called in prompts, e.g. "Squonk2". */
  label: string;
}

/**
 * The provider a Keycloak-backed service's settings ask for: a fixed token;
 * else, with the Keycloak URL, realm and client: the password grant when a
 * user is set, client credentials when only a client secret is, the device
 * grant when the service offers it, or a prompt for the username and password.
 */
export function keycloakSignIn(reader: SettingsReader, names: KeycloakSettingNames, choices: KeycloakSignInChoices): AuthProvider {
  const token = reader.string(names.token);
  if (token) return staticBearer(token);
  const defaults = choices.defaults ?? {};
  const keycloakUrl = reader.url(names.keycloakUrl, { carriesCredentials: true }) ?? defaults.keycloakUrl;
  if (!keycloakUrl) {
    const user = names.username ? `, or ${names.keycloakUrl.variable} with the realm, client and user` : "";
    throw reader.error(
      `${reader.service}: no credentials; set ${names.token.variable} (a token)${user}${reader.configFile ? ` (environment or ${reader.configFile})` : ""}`,
      names.token.variable,
      "no_credentials",
    );
  }
  const realm = reader.string(names.realm) ?? defaults.realm;
  const clientId = reader.string(names.clientId) ?? defaults.clientId;
  const needs = `(needed with ${names.keycloakUrl.variable})`;
  if (!realm)
    throw reader.error(
      `${reader.service}: ${names.realm.variable} is not set ${needs}; ${reader.howToSet(names.realm)}`,
      names.realm.variable,
    );
  if (!clientId) {
    throw reader.error(
      `${reader.service}: ${names.clientId.variable} is not set ${needs}; ${reader.howToSet(names.clientId)}`,
      names.clientId.variable,
    );
  }
  const clientSecret = reader.string(names.clientSecret);
  const common = {
    keycloakUrl,
    realm,
    clientId,
    service: reader.service,
    ...(clientSecret ? { clientSecret } : {}),
    ...(reader.allowHttp ? { allowInsecureHttp: true } : {}),
    ...(choices.fetch ? { fetch: choices.fetch } : {}),
    ...(choices.store ? { store: choices.store } : {}),
  };
  const scope = choices.scope ?? "openid offline_access";
  const username = names.username ? reader.string(names.username) : undefined;
  const password = names.password ? reader.string(names.password) : undefined;
  if (username && password) return passwordGrant({ ...common, username, password, scope });
  if (!username && clientSecret) return clientCredentials({ ...common, clientSecret });
  if (!username && choices.device) {
    const { store, onVerification } = choices.device;
    return deviceGrant({ ...common, ...(store ? { store: store() } : {}), ...(onVerification ? { onVerification } : {}) });
  }
  if (!names.username || !names.password) {
    throw reader.error(
      `${reader.service}: no credentials; set ${names.token.variable} or ${names.clientSecret.variable}`,
      names.token.variable,
      "no_credentials",
    );
  }
  const missing = username ? names.password : names.username;
  const ask = reader.promptOrFail(
    `${choices.label} (${displayUrl(keycloakUrl)}, realm ${realm})`,
    username,
    missing,
    ` (or ${names.token.variable}, or ${names.clientSecret.variable} for a service account)`,
  );
  return passwordGrant({ ...common, credentials: ask, scope });
}
