// Downloading a service's live OpenAPI document: the address from the
// manifest's URL template, credentials from @sciclients/auth settings.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { displayUrl, fillTemplate } from "./live.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A failure that should be reported as one clear line, without a stack. */
export class FetchError extends Error {
  name = "FetchError";
}

/**
 * `@sciclients/auth/node`, built first when this checkout has not built it yet
 * (scripts run on plain Node, which cannot load the package's TypeScript sources).
 */
export async function loadAuthNode() {
  try {
    return await import("@sciclients/auth/node");
  } catch (error) {
    if (error?.code !== "ERR_MODULE_NOT_FOUND" || existsSync(path.join(repoRoot, "packages/auth/dist/node.js"))) throw error;
  }
  console.error("specs:fetch: building @sciclients/auth first (its settings resolvers give the credentials)");
  const build = spawnSync("pnpm", ["exec", "turbo", "run", "build", "--filter=@sciclients/auth", "--output-logs=errors-only"], {
    cwd: repoRoot,
    stdio: ["ignore", process.stderr, process.stderr],
  });
  if (build.status !== 0) throw new FetchError("could not build @sciclients/auth; run `pnpm build` and try again");
  return import("@sciclients/auth/node");
}

const RESOLVERS = {
  dserver: "resolveDserverSettings",
  squonk2: "resolveSquonk2Settings",
  dss: "resolveDssSettings",
  iceprod: "resolveIceProdSettings",
};

/** The settings file @sciclients/auth reads for this kind of service (same keys as the environment variables). */
function settingsFile(authNode, kind, env) {
  return kind === "dserver" ? authNode.defaultDtoolConfigFile() : authNode.defaultSciclientsConfigFile(env);
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
 * `{NAME}` placeholders come from the environment, then the auth settings file;
 * credentials from the `@sciclients/auth` resolver named by `live.auth`, sent
 * only when the document is on the API's own origin.
 */
export async function resolveAccess(live, { env = process.env, urlOverride, noAuth = false, onWarning = () => {} } = {}) {
  const wantsAuth = live.auth !== "none" && !noAuth;
  let authNode;
  let url = urlOverride;
  if (!url) {
    const lookup = (name) => env[name] || undefined;
    const needsFile = fillTemplateMissing(live.url, lookup);
    let fileValues = {};
    let hint = " in the environment";
    if (needsFile) {
      authNode = await loadAuthNode();
      const file = settingsFile(authNode, live.auth, env);
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

  authNode ??= await loadAuthNode();
  let settings;
  try {
    settings = authNode[RESOLVERS[live.auth]]({ env, interactive: true, onWarning });
  } catch (error) {
    throw new FetchError(
      `credentials (${live.auth} settings of @sciclients/auth): ${error.message}; or pass --no-auth if the document is public`,
    );
  }
  const apiOrigins = [settings.baseURL, settings.dataManager?.baseURL, settings.accountServer?.baseURL]
    .filter(Boolean)
    .map((base) => new URL(base).origin);
  let provider = settings.auth;
  if (provider && !apiOrigins.includes(parsed.origin)) {
    onWarning(`${parsed.origin} is not the API's origin (${apiOrigins.join(", ")}): downloading without credentials`);
    provider = undefined;
  }
  const fetchImpl = settings.httpsAgent ? authNode.fetchWithAgent(settings.httpsAgent) : globalThis.fetch;
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
