// How each service signs in from the command line. The addresses, realm,
// client and TLS switches come from the service's own settings resolver (its
// ./node entry), with --base-url as the explicit API address; this module adds
// only what a person types and what the sign-in record needs.
import type { Agent } from "node:https";
import { resolveAccountServerSettings } from "@sciclients/account-server-client/node";
import {
  type AuthProvider,
  DeviceGrantProvider,
  type DeviceVerification,
  DserverTokenProvider,
  defaultSciclientsConfigFile,
  defaultTokenFile,
  deviceGrant,
  type Env,
  MemoryTokenStore,
  PasswordGrantProvider,
  SettingsReader,
  type TokenSet,
} from "@sciclients/auth/node";
import { resolveDataManagerSettings } from "@sciclients/data-manager-client/node";
import { resolveDserverSettings } from "@sciclients/dserver-client/node";
import { resolveDssSettings } from "@sciclients/dss-client/node";
import { resolveIceProdSettings } from "@sciclients/iceprod-client/node";
import type { ServiceEntry } from "../catalogue-types.js";
import { UsageError } from "../errors.js";
import type { Asker } from "./ask.js";
import { cliTokenFile, type SignIn } from "./sign-ins.js";

export interface LoginInput {
  service: ServiceEntry;
  /** --base-url: the API address, instead of the one the settings name. */
  baseUrl: string | undefined;
  /** --username */
  username: string | undefined;
  /** The password or API key when it came from stdin. */
  secret: string | undefined;
  /** --device: the device grant instead of a password (Squonk2). */
  device: boolean;
  ask: Asker;
  /** A line for the person signing in (device instructions); never a secret. */
  notify: (line: string) => void;
  env: Env;
}

/** A finished sign-in: the record to save (without its time) and the tokens to keep under its store key. */
export interface NewSignIn {
  signIn: Omit<SignIn, "signedInAt">;
  tokens: TokenSet;
}

/** What every resolver of a client package's ./node entry returns, as far as a sign-in needs it. */
interface ResolvedSettings {
  baseURL: string;
  auth: AuthProvider | undefined;
  verifySsl: boolean;
  httpsAgent?: Agent;
}
type Resolver = (options: { explicit?: Record<string, unknown>; env?: Env }) => ResolvedSettings;

/** A stand-in the first reading of the settings gets for a credential; no request is made with it (see probe). */
const STAND_IN = "(not sent)";

/** --base-url as the explicit option the service's resolver takes for its API address. */
function explicitAddress(input: LoginInput): Record<string, unknown> {
  const option = input.service.catalogue.settings?.baseUrl;
  return input.baseUrl !== undefined && option ? { [option]: input.baseUrl } : {};
}

/**
 * Reads the settings once with stand-in credentials, so that a missing or bad
 * address, realm or client is reported before anyone types a password. The
 * provider this makes is only looked at: providers send nothing until they
 * are asked for a token.
 */
function probe(resolve: Resolver, input: LoginInput, credentials: Record<string, string>): ResolvedSettings {
  return resolve({ explicit: { ...explicitAddress(input), ...credentials }, env: input.env });
}

function tokenIsSet(service: string, variable: string, instead: string): UsageError {
  return new UsageError(
    `${service}: the settings sign in with ${instead} (${variable} is set in the environment or config file); unset it to sign in with \`sciclients login ${service}\``,
  );
}

function verificationPrinter(input: LoginInput): (verification: DeviceVerification) => void {
  const name = input.service.catalogue.name;
  return (v) =>
    input.notify(
      `To sign in to ${name}, open ${v.verificationUriComplete ?? v.verificationUri} and enter the code ${v.userCode} (valid for ${Math.max(1, Math.round(v.expiresIn / 60))} minutes). Waiting for the sign-in…`,
    );
}

/** The name the access token gives its user (`preferred_username`, else `sub`), when it is a JWT; a name, never the token. */
function userOfToken(accessToken: string): string | undefined {
  const payload = accessToken.split(".")[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    const user = claims.preferred_username ?? claims.sub;
    return typeof user === "string" ? user : undefined;
  } catch {
    return undefined;
  }
}

const tlsRecord = (settings: ResolvedSettings) => (settings.verifySsl ? {} : { verifySsl: false as const });

/** Squonk2 (Data Manager, Account Server): Keycloak's password grant, or with --device its device grant. */
async function squonk2(input: LoginInput, resolve: Resolver): Promise<NewSignIn> {
  const name = input.service.catalogue.name;
  const settings = probe(resolve, input, { username: input.username ?? STAND_IN, password: STAND_IN });
  const keycloak = settings.auth;
  if (!(keycloak instanceof PasswordGrantProvider)) throw tokenIsSet(name, "SQUONK2_TOKEN", "a fixed token");
  const common = {
    service: name,
    kind: input.device ? ("device" as const) : ("password" as const),
    baseURL: settings.baseURL,
    issuer: keycloak.issuer,
    clientId: keycloak.clientId,
    tokenFile: cliTokenFile(input.env),
    ...tlsRecord(settings),
  };
  if (input.device) {
    // The device grant of the same realm and client; the token requests go to the issuer the settings name.
    const provider = deviceGrant({
      issuer: keycloak.issuer,
      clientId: keycloak.clientId,
      service: name,
      allowInsecureHttp: keycloak.issuer.startsWith("http:"),
      onVerification: verificationPrinter(input),
    });
    const tokens = await provider.getTokens();
    const username = userOfToken(tokens.accessToken);
    return { signIn: { ...common, ...(username ? { username } : {}), storeKey: `${name}:${provider.storeKey}` }, tokens };
  }
  const username = input.username ?? (await input.ask.line("Squonk2 username", "--username"));
  const password = input.secret ?? (await input.ask.secret(`Squonk2 password for ${username}`, "--password-stdin"));
  const provider = resolve({ explicit: { ...explicitAddress(input), username, password }, env: input.env }).auth as PasswordGrantProvider;
  const tokens = await provider.getTokens();
  return { signIn: { ...common, username, storeKey: `${name}:${provider.storeKey}` }, tokens };
}

/** IceProd: the device grant its settings offer; the tokens go to ICEPROD_TOKEN_FILE, which the library's resolver reads too. */
async function iceprod(input: LoginInput): Promise<NewSignIn> {
  const settings = (resolveIceProdSettings as unknown as Resolver)({
    explicit: { ...explicitAddress(input), store: new MemoryTokenStore(), onVerification: verificationPrinter(input) },
    env: input.env,
  });
  const provider = settings.auth;
  if (!(provider instanceof DeviceGrantProvider)) {
    throw tokenIsSet("iceprod", "ICEPROD_TOKEN or ICEPROD_CLIENT_SECRET", "a fixed token or a service account");
  }
  const tokens = await provider.getTokens();
  const reader = new SettingsReader("iceprod", { env: input.env }, defaultSciclientsConfigFile);
  const tokenFile =
    reader.string({ variable: "ICEPROD_TOKEN_FILE", option: "tokenFile" }) ?? defaultTokenFile("iceprod-tokens.json", input.env);
  const username = userOfToken(tokens.accessToken);
  return {
    signIn: {
      service: "iceprod",
      kind: "device",
      baseURL: settings.baseURL,
      ...(username ? { username } : {}),
      issuer: provider.issuer,
      clientId: provider.clientId,
      tokenFile,
      // The library's own key for this issuer and client, so that it finds this sign-in too.
      storeKey: provider.storeKey,
      ...tlsRecord(settings),
    },
    tokens,
  };
}

/** dserver: its token generator (DSERVER_TOKEN_GENERATOR_URL) with a username and password. */
async function dserver(input: LoginInput): Promise<NewSignIn> {
  const resolve = resolveDserverSettings as unknown as Resolver;
  const settings = probe(resolve, input, { username: input.username ?? STAND_IN, password: STAND_IN });
  if (settings.auth === undefined) {
    throw new UsageError("dserver: DSERVER_DISABLE_AUTHENTICATION is true, so this dserver takes no sign-in");
  }
  if (!(settings.auth instanceof DserverTokenProvider)) throw tokenIsSet("dserver", "DSERVER_TOKEN", "a fixed token");
  const username = input.username ?? (await input.ask.line("dserver username", "--username"));
  const password = input.secret ?? (await input.ask.secret(`dserver password for ${username}`, "--password-stdin"));
  const provider = resolve({ explicit: { ...explicitAddress(input), username, password }, env: input.env }).auth as DserverTokenProvider;
  const tokens = await provider.getTokens();
  return {
    signIn: {
      service: "dserver",
      kind: "dserver-token",
      baseURL: settings.baseURL,
      username,
      tokenFile: cliTokenFile(input.env),
      storeKey: `dserver:${provider.storeKey}`,
      ...tlsRecord(settings),
    },
    tokens,
  };
}

/** How an API key provider sends the key, from the headers it makes (the record keeps the way, never the key). */
function keyScheme(headers: Record<string, string>): Pick<SignIn, "authScheme" | "authHeader"> {
  const authorization = headers.Authorization;
  if (authorization?.startsWith("Basic ")) return { authScheme: "basic" };
  if (authorization?.startsWith("Bearer ")) return { authScheme: "bearer" };
  return { authScheme: "header", authHeader: Object.keys(headers)[0] ?? "X-DKU-APITicket" };
}

/** DSS: an API key, checked by asking DSS who it belongs to (GET /auth/info). */
async function dss(input: LoginInput): Promise<NewSignIn> {
  const resolve = resolveDssSettings as unknown as Resolver;
  const settings = probe(resolve, input, { apiKey: STAND_IN });
  const key = input.secret ?? (await input.ask.secret(`DSS API key for ${settings.baseURL}`, "--password-stdin"));
  const real = resolve({ explicit: { ...explicitAddress(input), apiKey: key }, env: input.env }) as ResolvedSettings & {
    auth: AuthProvider;
    host: string;
  };
  const client = input.service.createClient({
    baseURL: real.baseURL,
    auth: real.auth,
    ...(real.httpsAgent ? { axios: { httpsAgent: real.httpsAgent } } : {}),
  });
  // A refused key fails here (exit 1), not at the first command.
  const info = await client.send<{ authIdentifier?: unknown }>("dss", {
    url: "/auth/info",
    method: "GET",
    operation: "getAuthInfo",
    responseType: "json",
  });
  const identifier = (info as { authIdentifier?: unknown } | undefined)?.authIdentifier;
  return {
    signIn: {
      service: "dss",
      kind: "api-key",
      baseURL: real.baseURL,
      host: real.host,
      ...(typeof identifier === "string" ? { username: identifier } : {}),
      ...keyScheme(await real.auth.getAuthHeaders()),
      tokenFile: cliTokenFile(input.env),
      storeKey: `dss:${real.baseURL}`,
      ...tlsRecord(real),
    },
    tokens: { accessToken: key, tokenType: "api-key", obtainedAt: Date.now() },
  };
}

/** Every service's sign-in, by service name. */
export const LOGIN_METHODS: Record<string, (input: LoginInput) => Promise<NewSignIn>> = {
  "data-manager": (input) => squonk2(input, resolveDataManagerSettings as unknown as Resolver),
  "account-server": (input) => squonk2(input, resolveAccountServerSettings as unknown as Resolver),
  dserver,
  iceprod,
  dss,
};
