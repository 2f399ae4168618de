// Downloading a service's live OpenAPI document: the address from the
// manifest's URL template, credentials from the settings resolver of the
// client package named by `live.auth` (its ./node entry, built on @sciclients/auth).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { messageOf } from "../cli.ts";
import { repoRoot } from "../paths.ts";
import { displayUrl, fillTemplate } from "./live.ts";

/** What the download needs of a credentials provider (@sciclients/auth's providers have it). */
export interface AuthHeaders {
  getAuthHeaders(options?: { forceRenewal: true }): Promise<Record<string, string>>;
}

type Fetch = typeof globalThis.fetch;

/** Where to download from, and with which credentials and fetch. */
export interface Access {
  url: string;
  provider: AuthHeaders | undefined;
  fetchImpl: Fetch;
}

/** The part of a client package's settings a resolver gives that the download uses. */
interface Settings {
  baseURL: string;
  auth?: AuthHeaders;
  httpsAgent?: unknown;
}

/** The parts of @sciclients/auth/node used here. */
interface AuthNode {
  defaultSciclientsConfigFile(env: NodeJS.ProcessEnv): string;
  fetchWithAgent(agent: unknown): Fetch;
}

/** The `live` settings the download reads (live.ts checked them). */
interface LiveAccess {
  url: string;
  auth: string;
}

/** A failure that should be reported as one clear line, without a stack. */
export class FetchError extends Error {
  override name = "FetchError";
}

/** Whose settings give the credentials (`live.auth`): the client package and its resolver. */
const RESOLVERS: Record<string, { pkg: string; dir: string; resolver: string }> = {
  dserver: { pkg: "@sciclients/dserver-client", dir: "dserver-client", resolver: "resolveDserverSettings" },
  "data-manager": { pkg: "@sciclients/data-manager-client", dir: "data-manager-client", resolver: "resolveDataManagerSettings" },
  "account-server": { pkg: "@sciclients/account-server-client", dir: "account-server-client", resolver: "resolveAccountServerSettings" },
  dss: { pkg: "@sciclients/dss-client", dir: "dss-client", resolver: "resolveDssSettings" },
  iceprod: { pkg: "@sciclients/iceprod-client", dir: "iceprod-client", resolver: "resolveIceProdSettings" },
};

/**
 * A workspace package's entry, built first when this checkout has not built
 * it yet (scripts run on plain Node, which cannot load the packages' TypeScript sources).
 */
async function loadBuilt(pkg: string, dir: string, entry: string): Promise<Record<string, unknown>> {
  // The file the package's `import` export names: the generator runs from a bundle
  // outside the root's node_modules, so the package name would not resolve.
  const specifier = pathToFileURL(path.join(repoRoot, "packages", dir, "dist", `${entry}.js`)).href;
  try {
    return await import(specifier);
  } catch (error) {
    if (
      (error as { code?: unknown } | undefined)?.code !== "ERR_MODULE_NOT_FOUND" ||
      existsSync(path.join(repoRoot, "packages", dir, "dist", `${entry}.js`))
    )
      throw error;
  }
  console.error(`specs:fetch: building ${pkg} first (its settings resolver gives the credentials)`);
  const build = spawnSync("pnpm", ["exec", "turbo", "run", "build", `--filter=${pkg}`, "--output-logs=errors-only"], {
    cwd: repoRoot,
    stdio: ["ignore", process.stderr, process.stderr],
  });
  if (build.status !== 0) throw new FetchError(`could not build ${pkg}; run \`pnpm build\` and try again`);
  return import(specifier);
}

/** `@sciclients/auth/node` (config-file location, fetch over an https agent). */
const loadAuthNode = async () => (await loadBuilt("@sciclients/auth", "auth", "node")) as unknown as AuthNode;

/** The ./node entry of the client package whose settings `kind` names. */
function resolverOf(kind: string): { pkg: string; dir: string; resolver: string } {
  const found = RESOLVERS[kind];
  if (!found) throw new FetchError(`no settings resolver for ${kind}`);
  return found;
}
const loadResolver = (kind: string) => loadBuilt(resolverOf(kind).pkg, resolverOf(kind).dir, "node");

/** The settings file the resolver of this kind reads (same keys as the environment variables). */
async function settingsFile(kind: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (kind === "dserver") return ((await loadResolver(kind)).defaultDtoolConfigFile as () => string)();
  return (await loadAuthNode()).defaultSciclientsConfigFile(env);
}

function readSettingsFile(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  try {
    const value = JSON.parse(readFileSync(file, "utf8"));
    return value && typeof value === "object" ? value : {};
  } catch (error) {
    throw new FetchError(`${file} is not valid JSON (${messageOf(error)})`);
  }
}

/**
 * Where to download from and how: `{ url, provider, fetchImpl, notes }`.
 * `{NAME}` placeholders come from the environment, then the settings file;
 * credentials from the client package's resolver named by `live.auth`, sent
 * only when the document is on the API's own origin.
 */
export async function resolveAccess(
  live: LiveAccess,
  {
    env = process.env,
    urlOverride,
    noAuth = false,
    onWarning = () => {},
  }: { env?: NodeJS.ProcessEnv; urlOverride?: string | undefined; noAuth?: boolean; onWarning?: (message: string) => void } = {},
): Promise<Access> {
  const wantsAuth = live.auth !== "none" && !noAuth;
  let url = urlOverride;
  if (!url) {
    const lookup = (name: string) => env[name] || undefined;
    const needsFile = fillTemplateMissing(live.url, lookup);
    let fileValues: Record<string, unknown> = {};
    let hint = " in the environment";
    if (needsFile) {
      const file = await settingsFile(live.auth, env);
      fileValues = readSettingsFile(file);
      hint = ` in the environment or ${file}; or pass --url`;
    }
    try {
      url = fillTemplate(live.url, (name) => lookup(name) ?? (typeof fileValues[name] === "string" ? fileValues[name] : undefined), hint);
    } catch (error) {
      throw new FetchError(messageOf(error));
    }
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError(`not a URL: ${displayUrl(url)}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new FetchError(`only http and https URLs can be fetched: ${displayUrl(url)}`);
  if (!wantsAuth) return { url, provider: undefined, fetchImpl: globalThis.fetch };

  const { pkg, resolver } = resolverOf(live.auth);
  const resolve = (await loadResolver(live.auth))[resolver] as (options: {
    env: NodeJS.ProcessEnv;
    interactive: boolean;
    onWarning: (message: string) => void;
  }) => Settings;
  let settings: Settings;
  try {
    settings = resolve({ env, interactive: true, onWarning });
  } catch (error) {
    throw new FetchError(
      `credentials (${live.auth} settings of ${pkg}/node): ${messageOf(error)}; or pass --no-auth if the document is public`,
    );
  }
  const apiOrigins = [new URL(settings.baseURL).origin];
  let provider = settings.auth;
  if (provider && !apiOrigins.includes(parsed.origin)) {
    onWarning(`${parsed.origin} is not the API's origin (${apiOrigins.join(", ")}): downloading without credentials`);
    provider = undefined;
  }
  const fetchImpl = settings.httpsAgent ? (await loadAuthNode()).fetchWithAgent(settings.httpsAgent) : globalThis.fetch;
  return { url, provider, fetchImpl };
}

function fillTemplateMissing(template: string, lookup: (name: string) => string | undefined): boolean {
  try {
    fillTemplate(template, lookup);
    return false;
  } catch {
    return true;
  }
}

/**
 * GETs the document. Resolves to its text; rejects with a FetchError that
 * names the URL (without user info) and the HTTP status or network failure.
 * A 401 with credentials renews them once and tries again.
 */
export async function download(
  url: string,
  {
    provider,
    fetchImpl = globalThis.fetch,
    timeoutMs = 30_000,
  }: { provider?: AuthHeaders | undefined; fetchImpl?: Fetch; timeoutMs?: number } = {},
): Promise<{ text: string; contentType: string }> {
  const shown = displayUrl(url);
  const attempt = async (forceRenewal: boolean): Promise<{ response: Response; text: string }> => {
    const headers: Record<string, string> = { accept: "application/json, application/yaml;q=0.9, */*;q=0.5" };
    if (provider) {
      try {
        Object.assign(headers, await provider.getAuthHeaders(forceRenewal ? { forceRenewal: true } : undefined));
      } catch (error) {
        throw new FetchError(`could not get credentials for ${shown}: ${messageOf(error)}`);
      }
    }
    let response: Response;
    try {
      response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
      return { response, text: await response.text() };
    } catch (error) {
      if (error instanceof FetchError) throw error;
      const failure = (error ?? undefined) as
        | { name?: unknown; code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } }
        | undefined;
      if (failure?.name === "TimeoutError")
        throw new FetchError(`no complete answer from ${shown} within ${Math.round(timeoutMs / 1000)} s`);
      const code = failure?.cause?.code ?? failure?.code;
      throw new FetchError(
        `could not download ${shown}: ${code ? `${String(code)} ` : ""}${String(failure?.cause?.message ?? failure?.message ?? error)}`,
      );
    }
  };
  let { response, text } = await attempt(false);
  if (response.status === 401 && provider) ({ response, text } = await attempt(true));
  if (!response.ok) {
    const excerpt = text.replace(/\s+/g, " ").trim().slice(0, 200);
    throw new FetchError(
      `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""} from ${shown}${excerpt ? `: ${excerpt}` : ""}`,
    );
  }
  return { text, contentType: response.headers.get("content-type") ?? "" };
}
