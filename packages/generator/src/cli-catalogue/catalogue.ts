// The catalogue of operations the `sciclients` command line offers, built from
// each client's prepared document (src/generated/openapi.json, written by
// scripts/generate.mjs through prepare-document.mjs) and the manifest. It is
// written to packages/cli/src/generated/: one JSON file per service and an
// index importing them with each service's ./node settings resolver, so a
// service added to specs/services.yaml reaches the command line on the next
// `pnpm generate`, with nothing listed by hand.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { serviceBindings } from "../manifest/services.ts";

export const CLI_DIRECTORY = "packages/cli";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** `getProjects` → `get-projects`, `list_base_uris` → `list-base-uris`. */
export function kebabCase(name) {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
}

function resolve(doc, node, seen = new Set()) {
  if (!node || typeof node !== "object" || typeof node.$ref !== "string") return node;
  if (seen.has(node.$ref)) return {};
  seen.add(node.$ref);
  const target = node.$ref
    .replace(/^#\//, "")
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((at, token) => at?.[token], doc);
  return resolve(doc, target, seen);
}

/** The first sentence-ish line of a description, short enough for a help line. */
function oneLine(text) {
  if (typeof text !== "string") return undefined;
  const line = text.trim().split("\n")[0].trim();
  if (line === "") return undefined;
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

/** What a value of `schema` is on the command line: its type name, enum, default and whether it is a file. */
function describeSchema(doc, raw) {
  let schema = resolve(doc, raw) ?? {};
  // A nullable or one-of-a-kind union: the first concrete member says the type.
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    if (!schema.type && Array.isArray(schema[key])) {
      const members = schema[key].map((m) => resolve(doc, m)).filter((m) => m && m.type !== "null");
      if (members.length === 1 || key === "allOf") schema = { ...members[0], ...schema, [key]: undefined };
    }
  }
  let type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (!type && schema.properties) type = "object";
  if (!type && schema.enum) type = typeof schema.enum[0] === "number" ? "number" : "string";
  const out = { type: type ?? "string" };
  if (type === "array") {
    const items = describeSchema(doc, schema.items ?? {});
    out.items = items.type;
    if (items.enum) out.enum = items.enum;
    if (items.file) out.file = true;
  }
  if (type === "string" && (schema.format === "binary" || schema.contentMediaType === "application/octet-stream")) out.file = true;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) out.enum = schema.enum.filter((v) => v !== null);
  if (schema.default !== undefined && (typeof schema.default !== "object" || schema.default === null)) out.default = schema.default;
  return out;
}

function parameterOf(doc, raw) {
  const p = resolve(doc, raw);
  return {
    name: p.name,
    in: p.in,
    required: p.in === "path" || p.required === true,
    ...describeSchema(doc, p.schema ?? (p.content ? Object.values(p.content)[0]?.schema : {})),
    ...(oneLine(p.description) ? { description: oneLine(p.description) } : {}),
  };
}

function bodyOf(doc, raw) {
  const body = resolve(doc, raw);
  if (!body?.content) return undefined;
  const [contentType, media] = Object.entries(body.content)[0];
  const schema = resolve(doc, media?.schema ?? {}) ?? {};
  const merged = Array.isArray(schema.allOf) ? Object.assign({}, ...schema.allOf.map((s) => resolve(doc, s))) : schema;
  const required = new Set(merged.required ?? []);
  const fields = Object.entries(merged.properties ?? {}).map(([name, s]) => {
    const field = resolve(doc, s) ?? {};
    return {
      name,
      required: required.has(name),
      ...describeSchema(doc, field),
      ...(oneLine(field.description) ? { description: oneLine(field.description) } : {}),
    };
  });
  return { contentType, required: body.required === true, fields };
}

/** json, text, binary or none: how the CLI reads and prints the success answer. */
function answerOf(doc, responses) {
  const success = Object.entries(responses ?? {}).find(([status]) => /^2\d\d$/.test(status))?.[1];
  const types = Object.keys(resolve(doc, success)?.content ?? {});
  if (types.length === 0) return "none";
  if (types.every((t) => /^application\/(.+\+)?json(;|$)/.test(t))) return "json";
  if (types.every((t) => /^text\/|ndjson|tab-separated|csv|xml/.test(t))) return "text";
  return "binary";
}

/** The component name of the success answer's schema (`FutureStart`), when it is one: the command line waits on some by name. */
function answerSchemaOf(doc, responses) {
  const success = Object.entries(responses ?? {}).find(([status]) => /^2\d\d$/.test(status))?.[1];
  const ref = Object.values(resolve(doc, success)?.content ?? {})[0]?.schema?.$ref;
  const match = typeof ref === "string" ? /^#\/components\/schemas\/([^/]+)$/.exec(ref) : null;
  return match ? match[1] : undefined;
}

/** The paging (a name from the manifest's infiniteQueries) of each operation that pages. */
function pagingOf(service) {
  const byOperation = new Map();
  for (const [paging, operations] of Object.entries(service.infiniteQueries ?? {})) {
    for (const id of operations) byOperation.set(id, paging);
  }
  return byOperation;
}

/** The catalogue of one service: its title, settings names and every operation. */
export function serviceCatalogue(service, doc) {
  const paging = pagingOf(service);
  const operations = [];
  for (const [route, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op?.operationId) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])]
        .map((p) => parameterOf(doc, p))
        .filter((p) => p.in !== "cookie");
      // An operation's parameter overrides the path item's one of the same name and place.
      const unique = [...new Map(parameters.map((p) => [`${p.in}:${p.name}`, p])).values()];
      const body = op.requestBody ? bodyOf(doc, op.requestBody) : undefined;
      const answerSchema = answerSchemaOf(doc, op.responses);
      operations.push({
        id: op.operationId,
        command: kebabCase(op.operationId),
        tag: op.tags?.[0] ?? "default",
        summary: oneLine(op.summary) ?? oneLine(op.description) ?? `${method.toUpperCase()} ${route}`,
        method: method.toUpperCase(),
        path: route,
        parameters: unique,
        ...(body ? { body } : {}),
        answer: answerOf(doc, op.responses),
        ...(answerSchema ? { answerSchema } : {}),
        ...(paging.has(op.operationId) ? { paging: paging.get(op.operationId) } : {}),
      });
    }
  }
  return { name: service.name, title: service.title, ...(service.settings ? { settings: service.settings } : {}), operations };
}

function indexModule(entries) {
  const lines = [
    "// Generated by scripts/generate.mjs (scripts/lib/cli-catalogue.mjs) from specs/services.yaml. Do not edit: run `pnpm generate`.",
    "// Every service the command line offers: its operations and the client factories of its package.",
    'import type { ServiceEntry } from "../catalogue-types.js";',
  ];
  for (const { service, hasNode } of entries) {
    const { identifier } = serviceBindings(service.name);
    const capitalised = identifier.charAt(0).toUpperCase() + identifier.slice(1);
    lines.push(`import ${identifier}Catalogue from "./${service.name}.json" with { type: "json" };`);
    lines.push(`import { create${capitalised}Client } from "${service.package}";`);
    if (hasNode) lines.push(`import { create${capitalised}ClientFromSettings } from "${service.package}/node";`);
  }
  lines.push("", "export const services: ServiceEntry[] = [");
  for (const { service, hasNode } of entries) {
    const { identifier } = serviceBindings(service.name);
    const capitalised = identifier.charAt(0).toUpperCase() + identifier.slice(1);
    lines.push("  {");
    lines.push(`    catalogue: ${identifier}Catalogue as ServiceEntry["catalogue"],`);
    lines.push(`    createClient: create${capitalised}Client,`);
    if (hasNode)
      lines.push(`    createClientFromSettings: create${capitalised}ClientFromSettings as ServiceEntry["createClientFromSettings"],`);
    lines.push("  },");
  }
  lines.push("];", "");
  return lines.join("\n");
}

/** Writes packages/cli/src/generated/ for every service of the manifest; returns the number of operations. */
export async function writeCliCatalogue(root, services) {
  const dir = path.join(root, CLI_DIRECTORY, "src/generated");
  if (!existsSync(path.join(root, CLI_DIRECTORY))) return 0;
  await mkdir(dir, { recursive: true });
  const entries = [];
  let count = 0;
  for (const service of services) {
    const document = path.join(root, service.directory, "src/generated/openapi.json");
    // A service not generated yet (a partial run of a new one) joins on its own generation.
    if (!existsSync(document)) continue;
    const doc = JSON.parse(await readFile(document, "utf8"));
    const catalogue = serviceCatalogue(service, doc);
    count += catalogue.operations.length;
    await writeIfChanged(path.join(dir, `${service.name}.json`), `${JSON.stringify(catalogue, null, 2)}\n`);
    entries.push({ service, hasNode: existsSync(path.join(root, service.directory, "src/node.ts")) });
  }
  await writeIfChanged(path.join(dir, "services.ts"), indexModule(entries));
  // A service gone from the manifest leaves no catalogue behind.
  const wanted = new Set([...entries.map((e) => `${e.service.name}.json`), "services.ts"]);
  for (const file of await readdir(dir)) if (!wanted.has(file)) await rm(path.join(dir, file));
  return count;
}

async function writeIfChanged(file, text) {
  if (existsSync(file) && (await readFile(file, "utf8")) === text) return;
  await writeFile(file, text);
}
