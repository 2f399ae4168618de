#!/usr/bin/env node
// `pnpm new-client <name> --spec <path> [--title "…"]`: adds a service to
// specs/services.yaml, copies its spec to specs/<name>.yaml, writes the
// package's hand-written layer and generates its code.
import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parseDocument } from "yaml";
import { generateService } from "./generate.mjs";
import { scaffoldFiles } from "./lib/scaffold.mjs";
import { loadServices } from "./lib/services.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Versions of the tools a client package tests with: the ones the workspace already uses. */
async function workspaceVersions() {
  const dm = JSON.parse(await readFile(path.join(root, "packages/data-manager-client/package.json"), "utf8"));
  const d = dm.devDependencies;
  return {
    faker: d["@faker-js/faker"],
    reactQuery: d["@tanstack/react-query"],
    testingLibraryDom: d["@testing-library/dom"],
    testingLibraryReact: d["@testing-library/react"],
    typesReact: d["@types/react"],
    axios: d.axios,
    jsdom: d.jsdom,
    msw: d.msw,
    react: d.react,
    tsup: d.tsup,
    vitest: d.vitest,
  };
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { spec: { type: "string" }, title: { type: "string" }, force: { type: "boolean", default: false } },
  });
  const [name] = positionals;
  if (!name || !/^[a-z][a-z0-9-]*$/.test(name))
    throw new Error("usage: pnpm new-client <name> --spec <path> (name: lower-case letters, digits and dashes)");
  const specTarget = `specs/${name}.yaml`;
  const source = values.spec ? path.resolve(values.spec) : path.join(root, specTarget);
  if (!existsSync(source)) throw new Error(`${source}: no such spec file`);

  const services = await loadServices(root);
  const directory = `packages/${name}-client`;
  if (!values.force && (services.some((s) => s.name === name) || existsSync(path.join(root, directory)))) {
    throw new Error(`${name} exists already (specs/services.yaml or ${directory}); pass --force to write its files again`);
  }
  if (path.resolve(source) !== path.join(root, specTarget)) await copyFile(source, path.join(root, specTarget));

  const spec = parseDocument(await readFile(path.join(root, specTarget), "utf8")).toJS();
  const service = {
    name,
    title: values.title ?? spec?.info?.title ?? name,
    spec: specTarget,
    package: `@sciclients/${name}-client`,
    directory,
    queryKeyPrefix: name,
  };

  const manifestFile = path.join(root, "specs/services.yaml");
  const manifest = parseDocument(await readFile(manifestFile, "utf8"));
  const { name: _, ...entry } = service;
  manifest.setIn(["services", name], entry);
  await writeFile(manifestFile, manifest.toString({ lineWidth: 0 }));

  const files = scaffoldFiles(service, await workspaceVersions());
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(root, directory, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  await generateService(service);
  console.log(`\n${service.package} is ready in ${directory}. Next: pnpm install, then pnpm test.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
