// `pnpm new-client <name> --spec <path-or-url> [--title "…"] [--operations-test] [--force]`:
// reads an OpenAPI 3.0/3.1 or Swagger 2.0 document (YAML or JSON, a file or an
// http(s) URL), fails fast when no client can come from it, copies it to
// specs/<name>.yaml|json unchanged, adds the service to specs/services.yaml,
// writes the package's hand-written layer and generates its code. Operations
// whose generated mock does not type-check get a minimal typed mock, recorded
// in the manifest (`minimalMocks`) so every later `pnpm generate` does the same.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseDocument } from "yaml";
import { parseCommandLine, usageError } from "../cli.ts";
import { loadServices } from "../manifest/services.ts";
import { repoRoot as root } from "../paths.ts";
import { generateService, prepareService } from "../pipeline.ts";
import { selectCompiler } from "../prepare/compiler.ts";
import { PrepareError, prepareDocument, summarise } from "../prepare/document.ts";
import { findBrokenMocks, reservedNames } from "../prepare/mocks.ts";
import { isObject, METHODS } from "../prepare/walk.ts";
import { scaffoldFiles, type ToolVersions } from "../scaffold/scaffold.ts";
import type { Prepared, Service } from "../types.ts";

const USAGE = `Usage: pnpm new-client <name> --spec <path-or-url> [options]

Adds a service from an OpenAPI 3.0/3.1 or Swagger 2.0 document (YAML or JSON, a
file or an http(s) URL): copies it to specs/, adds it to specs/services.yaml,
writes packages/<name>-client and generates its code. <name>: lower-case
letters, digits and dashes.

Options:
  --spec <path-or-url>   the document (default: the spec the manifest names, with --force)
  --title <text>         the service's name in docs and test titles (default: info.title)
  --operations-test      add a test calling every operation through both entries
  --force                write the files of an existing service again
  --skip-mock-check      do not type-check the package (no minimal mocks; the output says so)
  -h, --help             show this help`;

/** Versions of the tools a client package tests with: the ones the workspace already uses. */
async function workspaceVersions(): Promise<ToolVersions> {
  const dm: { devDependencies: Record<string, string> } = JSON.parse(
    await readFile(path.join(root, "packages/data-manager-client/package.json"), "utf8"),
  );
  const d = dm.devDependencies;
  return {
    faker: String(d["@faker-js/faker"]),
    reactQuery: String(d["@tanstack/react-query"]),
    testingLibraryDom: String(d["@testing-library/dom"]),
    testingLibraryReact: String(d["@testing-library/react"]),
    typesReact: String(d["@types/react"]),
    axios: String(d.axios),
    jsdom: String(d.jsdom),
    msw: String(d.msw),
    react: String(d.react),
    tsup: String(d.tsup),
    vitest: String(d.vitest),
  };
}

/** The spec's text, from a file or an http(s) URL. */
async function readSource(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    let response: Response;
    try {
      response = await fetch(source, { headers: { accept: "application/json, application/yaml;q=0.9, */*;q=0.5" } });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
      throw new Error(`${source}: download failed: ${cause ?? (error instanceof Error ? error.message : String(error))}`);
    }
    if (!response.ok) throw new Error(`${source}: download failed: HTTP ${response.status} ${response.statusText}`);
    return response.text();
  }
  const file = path.resolve(source);
  if (!existsSync(file)) throw new Error(`${source}: no such spec file`);
  return readFile(file, "utf8");
}

async function setManifestEntry(name: string, entry: Omit<Service, "name">): Promise<void> {
  const manifestFile = path.join(root, "specs/services.yaml");
  const manifest = parseDocument(await readFile(manifestFile, "utf8"));
  manifest.setIn(["services", name], entry);
  await writeFile(manifestFile, manifest.toString({ lineWidth: 0 }));
}

async function create(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandLine("new-client", USAGE, args, {
    spec: { type: "string" },
    title: { type: "string" },
    force: { type: "boolean", default: false },
    "operations-test": { type: "boolean", default: false },
    "skip-mock-check": { type: "boolean", default: false },
  });
  const [name] = positionals;
  if (!name || !/^[a-z][a-z0-9-]*$/.test(name))
    usageError("new-client", USAGE, name ? `"${name}" is not a valid name (lower-case letters, digits and dashes)` : "name the service");
  const services = await loadServices(root);
  const directory = `packages/${name}-client`;
  if (!values.force && (services.some((s) => s.name === name) || existsSync(path.join(root, directory)))) {
    throw new Error(`${name} exists already (specs/services.yaml or ${directory}); pass --force to write its files again`);
  }
  const existing = services.find((s) => s.name === name);
  const sourceArg = values.spec ?? existing?.spec ?? `specs/${name}.yaml`;
  const text = await readSource(values.spec ? sourceArg : path.join(root, sourceArg));

  // Check and prepare before writing anything: an invalid document leaves the workspace as it was.
  const isUrl = /^https?:\/\//.test(sourceArg);
  const scratch = await mkdtemp(path.join(tmpdir(), "new-client-"));
  let isJson = /^\s*\{/.test(text);
  const sourceFile = isUrl || !values.spec ? path.join(scratch, isJson ? "spec.json" : "spec.yaml") : path.resolve(sourceArg);
  let specText = text;
  let prepared: Prepared;
  try {
    if (sourceFile.startsWith(scratch)) await writeFile(sourceFile, text);
    prepared = await prepareDocument(sourceFile, { label: sourceArg, reserved: reservedNames({ name }) });
    if (prepared.report.changes.some((c) => c.fix === "bundle")) {
      // specs/ holds one self-contained document: the source with its external references bundled in.
      const { default: SwaggerParser } = await import("@apidevtools/swagger-parser");
      specText = `${JSON.stringify(await SwaggerParser.bundle(sourceFile), null, 2)}\n`;
      isJson = true;
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const { document } = prepared;

  const specTarget = existing?.spec ?? `specs/${name}.${isJson ? "json" : "yaml"}`;
  await mkdir(path.join(root, "specs"), { recursive: true });
  await writeFile(path.join(root, specTarget), specText);
  const service: Service = {
    name,
    title: values.title ?? existing?.title ?? (typeof document.info.title === "string" ? document.info.title : undefined) ?? name,
    spec: specTarget,
    package: `@sciclients/${name}-client`,
    directory,
    queryKeyPrefix: name,
  };
  const { name: _, ...entry } = service;
  await setManifestEntry(name, entry);

  const operationCount = Object.values(document.paths ?? {}).reduce<number>(
    (n, item) => n + METHODS.filter((m) => isObject(item) && item[m]).length,
    0,
  );
  const files = scaffoldFiles(service, await workspaceVersions(), {
    operationsTest: values["operations-test"],
    largeSpec: operationCount > 500,
  });
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, directory, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  const reprepared = await prepareService(service);
  await generateService(service, reprepared);

  // Nothing is reported ready before the whole package (its tsconfig.json: src, test and
  // config files) type-checks strictly, or the one option that skips the check says so.
  const unchecked = values["skip-mock-check"];
  let errors: string[] = [];
  if (!unchecked) errors = await checkPackage(service, entry, reprepared);
  console.log(summarise(reprepared.report));
  console.log(`What the generator changed: ${directory}/src/generated/prepare-report.json`);
  if (errors.length > 0) {
    console.error(`The generated code of ${service.package} has type errors the generator could not avoid:`);
    for (const line of errors.slice(0, 20)) console.error(`  ${directory}/${line}`);
    if (errors.length > 20) console.error(`  … and ${errors.length - 20} more`);
    console.error(`${service.package} was written to ${directory} but is not ready: it does not type-check.`);
    process.exitCode = 1;
    return;
  }
  if (unchecked) {
    console.log(
      `Not type-checked (--skip-mock-check): ${directory} (src, test and config files, as its tsconfig.json lists them); no minimal mocks. ` +
        `Check it with: pnpm --filter ${service.package} typecheck`,
    );
  }
  console.log(
    `\n${service.package} is ready in ${directory}${unchecked ? " (not type-checked)" : ", type-checked strictly"}. Next: pnpm install, then pnpm test.`,
  );
}

/**
 * Type-checks the new package as its tsconfig.json describes it. Operations
 * whose generated mock does not type-check get a minimal typed mock (recorded
 * in the manifest) and the package is generated again; returns every error
 * left, each with its file, line and column.
 */
async function checkPackage(service: Service, entry: Omit<Service, "name">, prepared: Prepared): Promise<string[]> {
  const pkgDir = path.join(root, service.directory);
  const resolveFrom = path.join(root, "packages/data-manager-client/node_modules");
  // Degrading one mock can move a shared helper to another operation: repeat until none is left.
  const minimal = new Set<string>();
  const compiler = selectCompiler();
  if (compiler.kind === "native") console.log(`Type-checking ${service.directory} with TypeScript ${compiler.version} (native)`);
  else if (compiler.reason)
    console.warn(`Type-checking with TypeScript ${compiler.version}, slower and heavier on large documents: ${compiler.reason}`);
  let found = await findBrokenMocks(pkgDir, prepared.document, resolveFrom, compiler);
  for (let round = 0; round < 4 && found.broken.some((id) => !minimal.has(id)); round++) {
    for (const id of found.broken) minimal.add(id);
    console.log(
      `${found.broken.length} generated mocks do not type-check; they answer with a minimal typed value: ${found.broken.join(", ")}`,
    );
    service.minimalMocks = [...minimal].sort();
    await setManifestEntry(service.name, { ...entry, minimalMocks: service.minimalMocks });
    await generateService(service, prepared);
    found = await findBrokenMocks(pkgDir, prepared.document, resolveFrom, compiler);
  }
  // A mock still broken is one a minimal mock did not cure (its handler), or one the rounds did not reach.
  return [...found.elsewhere, ...found.broken.flatMap((id) => found.errors[id] ?? [])];
}

export async function main(args: string[]): Promise<void> {
  await create(args).catch((error) => {
    console.error(error instanceof PrepareError ? `Invalid spec: ${error.message}` : error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
