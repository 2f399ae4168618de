// `pnpm specs:fetch [service...]`: downloads each service's live OpenAPI document
// (where specs/services.yaml says it is published, with credentials from
// @sciclients/auth settings when needed), drops volatile fields, applies the
// manifest's fixes, validates it, sorts its keys and writes specs/<service>.yaml.
// Nothing is written when the download fails or the document is not valid.
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { usageError as exitWithUsage, messageOf, parseCommandLine } from "../cli.ts";
import { loadServices } from "../manifest/services.ts";
import { repoRoot as defaultRoot } from "../paths.ts";
import { isObject } from "../prepare/walk.ts";
import { download, FetchError, resolveAccess } from "../specs/fetch.ts";
import { ALWAYS_VOLATILE, displayUrl, type LiveSettings, liveSettings } from "../specs/live.ts";
import { countOperations, DocumentError, normaliseLiveDocument, StepError, toYaml } from "../specs/normalise-doc.ts";
import type { JsonObject, Service } from "../types.ts";

export async function main(args: string[]): Promise<void> {
  const USAGE = `Usage: pnpm specs:fetch [service...] [options]

Downloads the live OpenAPI document of each service (all that publish one when
none is named) and writes specs/<service>.yaml, normalised, with the fixes of
specs/services.yaml applied. Review the result with \`pnpm specs:diff\`.

Options:
  --url <url>      download from this address instead of the manifest's (one service)
  --file <path>    normalise a document you already have (JSON or YAML) instead of downloading
  --no-auth        send no credentials, even when the manifest names auth settings
  --timeout <s>    seconds to wait for the document (default 30)
  --root <dir>     the repository to work in (default: this checkout)
  -h, --help       show this help

Settings ({NAME} in the manifest's URL, and credentials) come from the environment,
then the @sciclients/auth settings file (packages/auth/README.md lists them).`;

  const HEADER = (name: string, fixesFile = "specs/services.yaml") =>
    fixesFile === "specs/services.yaml"
      ? ` Written by \`pnpm specs:fetch ${name}\` from the service's live OpenAPI document
 (specs/services.yaml says where it is published), with volatile fields dropped,
 the manifest's fixes applied and keys sorted. Change the fixes there, not this file.`
      : ` Written by \`pnpm specs:fetch ${name}\` from the service's live OpenAPI document
 (specs/services.yaml says where it is published), with volatile fields dropped,
 the fixes of ${fixesFile} applied and keys sorted. Change the fixes there, not this file.`;

  const usageError = (message: string) => exitWithUsage("specs:fetch", USAGE, message);

  const { values: options, positionals: names } = parseCommandLine("specs:fetch", USAGE, args, {
    url: { type: "string" },
    file: { type: "string" },
    "no-auth": { type: "boolean", default: false },
    timeout: { type: "string", default: "30" },
    root: { type: "string" },
  });
  const timeoutSeconds = Number(options.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
    usageError(`--timeout must be a positive number of seconds (got ${options.timeout})`);
  if ((options.url || options.file) && names.length !== 1) usageError(`--${options.url ? "url" : "file"} needs exactly one service name`);
  if (options.url && options.file) usageError("give --url or --file, not both");

  const root = path.resolve(options.root ?? defaultRoot);
  let services: Service[];
  try {
    services = await loadServices(root);
  } catch (error) {
    console.error(`specs:fetch: ${messageOf(error)}`);
    process.exit(2);
  }
  const unknown = names.filter((n) => !services.some((s) => s.name === n));
  if (unknown.length > 0)
    usageError(`unknown service ${unknown.join(", ")}; specs/services.yaml lists ${services.map((s) => s.name).join(", ")}`);
  const selected = names.length > 0 ? services.filter((s) => names.includes(s.name)) : services;

  /** Writes next to the target, then renames: readers never see half a file. */
  async function writeAtomically(file: string, text: string): Promise<void> {
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    try {
      await writeFile(temp, text);
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async function fetchOne(service: Service): Promise<boolean> {
    let live: LiveSettings;
    try {
      live = liveSettings(service, "specs/services.yaml", { root });
    } catch (error) {
      throw new FetchError(messageOf(error));
    }
    if (!live.published) {
      if (names.length === 0 && !options.file) {
        console.log(`${service.name}: skipped, no live document (${live.note})`);
        return true;
      }
      if (!options.file) throw new FetchError(`no live document to fetch: ${live.note} Edit ${service.spec} by hand, or pass --file`);
    }
    let text: string;
    let source: string;
    if (options.file) {
      source = options.file;
      text = await readFile(path.resolve(options.file), "utf8").catch((error: unknown) => {
        throw new FetchError(`cannot read ${options.file}: ${(error as { code?: string }).code ?? messageOf(error)}`);
      });
    } else {
      // Without --file an unpublished service has thrown or returned above.
      if (!live.published) throw new FetchError(`no live document to fetch: ${live.note}`);
      const access = await resolveAccess(live, {
        urlOverride: options.url,
        noAuth: options["no-auth"],
        onWarning: (message: string) => console.error(`specs:fetch ${service.name}: ${message}`),
      });
      source = displayUrl(access.url);
      ({ text } = await download(access.url, { provider: access.provider, fetchImpl: access.fetchImpl, timeoutMs: timeoutSeconds * 1000 }));
    }
    let doc: JsonObject;
    try {
      doc = await normaliseLiveDocument(text, live.published ? live : { volatile: ALWAYS_VOLATILE, fixes: [] });
    } catch (error) {
      if (error instanceof StepError) throw new DocumentError(`the document from ${source}: ${error.message}`);
      if (error instanceof DocumentError) throw new DocumentError(`the document from ${source} is ${error.message}`);
      throw error;
    }
    const target = path.join(root, service.spec);
    const yaml = toYaml(doc, HEADER(service.name, live.published ? live.fixesFile : undefined));
    const previous = await readFile(target, "utf8").catch(() => undefined);
    const version = isObject(doc.info) ? doc.info.version : undefined;
    const summary = `${countOperations(doc)} operations, ${doc.openapi ? `OpenAPI ${String(doc.openapi)}` : `Swagger ${String(doc.swagger)}`}, API version ${String(version)}`;
    if (previous === yaml) {
      console.log(`${service.name}: ${service.spec} is already up to date (${summary})`);
      return true;
    }
    await writeAtomically(target, yaml);
    console.log(`${service.name}: wrote ${service.spec} from ${source} (${summary}); review with \`pnpm specs:diff ${service.name}\``);
    return true;
  }

  let failed = 0;
  for (const service of selected) {
    try {
      await fetchOne(service);
    } catch (error) {
      failed += 1;
      const known =
        error instanceof FetchError || error instanceof DocumentError || (error as { name?: unknown } | undefined)?.name === "AuthError";
      console.error(
        `specs:fetch ${service.name}: ${known ? messageOf(error) : ((error as { stack?: unknown } | undefined)?.stack ?? error)}`,
      );
      console.error(`  ${service.spec} was not changed.`);
    }
  }
  process.exit(failed > 0 ? 1 : 0);
}
