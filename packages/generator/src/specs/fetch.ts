// Downloading a service's live OpenAPI document: the address from the
// manifest's URL template, credentials from the settings resolver of the
// client package named by `live.auth` (its ./node entry, built on @sciclients/auth).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../paths.ts";
import { displayUrl, fillTemplate } from "./live.ts";

/** A failure that should be reported as one clear line, without a stack. */
export class FetchError extends Error {
  name = "FetchError";
}

/** Whose settings give the credentials (`live.auth`): the client package and its resolver. */
const RESOLVERS = {
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
async function loadBuilt(pkg, dir, entry) {
  // The file the package's `import` export names: the generator runs from a bundle
  // outside the root's node_modules, so the package name would not resolve.
  const specifier = pathToFileURL(path.join(repoRoot, "packages", dir, "dist", `${entry}.js`)).href;
  try {
    return await import(specifier);
  } catch (error) {
    if (error?.code !== "ERR_MODULE_NOT_FOUND" || existsSync(path.join(repoRoot, "packages", dir, "dist", `${entry}.js`))) throw error;
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
const loadAuthNode = () => loadBuilt("@sciclients/auth", "auth", "node");

/** The ./node entry of the client package whose settings `kind` names. */
const loadResolver = (kind) => loadBuilt(RESOLVERS[kind].pkg, RESOLVERS[kind].dir, "node");

/** The settings file the resolver of this kind reads (same keys as the environment variables). */
async function settingsFile(kind, env) {
  if (kind === "dserver") return (await loadResolver(kind)).defaultDtoolConfigFile();
  return (await loadAuthNode()).defaultSciclientsConfigFile(env);
}

function readSettingsFile(file) {
  if (!existsSync(file)) return {};
  try {
    const value = JSON.parse(readFileSync(file, "utf8"));
    return value && typeof value === "object" ? value : {};
  } catch (error) {
    throw new FetchError(`${file} is not valid JSON (${error.message})`);
  }
}

/**
 * Where to download from and how: `{ url, provider, fetchImpl, notes }`.
 * `{NAME}` placeholders come from the environment, then the settings file;
 * credentials from the client package's resolver named by `live.auth`, sent
 * only when the document is on the API's own origin.
 */
export async function resolveAccess(live, { env = process.env, urlOverride, noAuth = false, onWarning = () => {} } = {}) {
  const wantsAuth = live.auth !== "none" && !noAuth;
  let url = urlOverride;
  if (!url) {
    const lookup = (name) => env[name] || undefined;
    const needsFile = fillTemplateMissing(live.url, lookup);
    let fileValues = {};
    let hint = " in the environment";
    if (needsFile) {
      const file = await settingsFile(live.auth, env);
      fileValues = readSettingsFile(file);
      hint = ` in the environment or ${file}; or pass --url`;
    }
    try {
      url = fillTemplate(live.url, (name) => lookup(name) ?? (typeof fileValues[name] === "string" ? fileValues[name] : undefined), hint);
    } catch (error) {
      throw new FetchError(error.message);
    }
  }
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError(`not a URL: ${displayUrl(url)}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new FetchError(`only http and https URLs can be fetched: ${displayUrl(url)}`);
  if (!wantsAuth) return { url, provider: undefined, fetchImpl: globalThis.fetch };

  const { pkg, resolver } = RESOLVERS[live.auth];
  const resolve = (await loadResolver(live.auth))[resolver];
  let settings;
  try {
    settings = resolve({ env, interactive: true, onWarning });
  } catch (error) {
    throw new FetchError(
      `credentials (${live.auth} settings of ${pkg}/node): ${error.message}; or pass --no-auth if the document is public`,
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

function fillTemplateMissing(template, lookup) {
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
export async function download(url, { provider, fetchImpl = globalThis.fetch, timeoutMs = 30_000 } = {}) {
  const shown = displayUrl(url);
  const attempt = async (forceRenewal) => {
    const headers = { accept: "application/json, application/yaml;q=0.9, */*;q=0.5" };
    if (provider) {
      try {
        Object.assign(headers, await provider.getAuthHeaders(forceRenewal ? { forceRenewal: true } : undefined));
      } catch (error) {
        throw new FetchError(`could not get credentials for ${shown}: ${error.message}`);
      }
    }
    let response;
    try {
      response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
      return { response, text: await response.text() };
    } catch (error) {
      if (error instanceof FetchError) throw error;
      if (error?.name === "TimeoutError") throw new FetchError(`no complete answer from ${shown} within ${Math.round(timeoutMs / 1000)} s`);
      const code = error?.cause?.code ?? error?.code;
      throw new FetchError(`could not download ${shown}: ${code ? `${code} ` : ""}${error?.cause?.message ?? error?.message ?? error}`);
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
