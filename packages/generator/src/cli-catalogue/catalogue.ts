// The catalogue of operations the `sciclients` command line offers, built from
// each client's prepared document (src/generated/openapi.json, written by
// the pipeline: src/pipeline.ts) and the manifest. It is
// written to packages/cli/src/generated/: one JSON file per service and an
// index importing them with each service's ./node settings resolver, so a
// service added to specs/services.yaml reaches the command line on the next
// `pnpm generate`, with nothing listed by hand.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { serviceBindings } from "../manifest/services.ts";
import { isObject, METHODS } from "../prepare/walk.ts";
import type { JsonObject, Service } from "../types.ts";
import { fileStates, isSettled, newestChange } from "../write/file-states.ts";

export const CLI_DIRECTORY = "packages/cli";

/** `getProjects` → `get-projects`, `list_base_uris` → `list-base-uris`. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
}

/** `value` when it is an object, else an empty one: the catalogue reads what is there and skips the rest. */
const objectOr = (value: unknown): JsonObject => (isObject(value) ? value : {});

/** `node`, or what its `$ref` names, followed to the end (a loop ends in an empty schema). */
function resolve(doc: JsonObject, node: unknown, seen = new Set<string>()): unknown {
  if (!node || typeof node !== "object" || typeof (node as JsonObject).$ref !== "string") return node;
  const ref = (node as JsonObject).$ref as string;
  if (seen.has(ref)) return {};
  seen.add(ref);
  const target = ref
    .replace(/^#\//, "")
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((at, token) => (at === null || at === undefined ? undefined : (at as Record<string, unknown>)[token]), doc);
  return resolve(doc, target, seen);
}

/** The first sentence-ish line of a description, short enough for a help line. */
function oneLine(text: unknown): string | undefined {
  if (typeof text !== "string") return undefined;
  const line = (text.trim().split("\n")[0] ?? "").trim();
  if (line === "") return undefined;
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

/** What a value is on the command line: its type name, enum, default and whether it is a file. */
interface ValueShape {
  type: string;
  items?: string;
  enum?: unknown[];
  file?: boolean;
  default?: unknown;
}

/** What a value of `schema` is on the command line: its type name, enum, default and whether it is a file. */
function describeSchema(doc: JsonObject, raw: unknown): ValueShape {
  let schema = objectOr(resolve(doc, raw) ?? {});
  // A nullable or one-of-a-kind union: the first concrete member says the type.
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const listed = schema[key];
    if (!schema.type && Array.isArray(listed)) {
      const members = listed.map((m) => resolve(doc, m)).filter((m) => m && objectOr(m).type !== "null");
      if (members.length === 1 || key === "allOf") schema = { ...objectOr(members[0]), ...schema, [key]: undefined };
    }
  }
  let type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  const enumValues = schema.enum;
  if (!type && schema.properties) type = "object";
  if (!type && enumValues) type = Array.isArray(enumValues) && typeof enumValues[0] === "number" ? "number" : "string";
  const out: ValueShape = { type: typeof type === "string" ? type : String(type ?? "string") };
  if (type === "array") {
    const items = describeSchema(doc, schema.items ?? {});
    out.items = items.type;
    if (items.enum) out.enum = items.enum;
    if (items.file) out.file = true;
  }
  if (type === "string" && (schema.format === "binary" || schema.contentMediaType === "application/octet-stream")) out.file = true;
  if (Array.isArray(enumValues) && enumValues.length > 0) out.enum = enumValues.filter((v) => v !== null);
  if (schema.default !== undefined && (typeof schema.default !== "object" || schema.default === null)) out.default = schema.default;
  return out;
}

function parameterOf(doc: JsonObject, raw: unknown) {
  const p = objectOr(resolve(doc, raw));
  const content = isObject(p.content) ? p.content : undefined;
  return {
    name: p.name,
    in: p.in,
    required: p.in === "path" || p.required === true,
    ...describeSchema(doc, p.schema ?? (content ? objectOr(Object.values(content)[0]).schema : {})),
    ...(oneLine(p.description) ? { description: oneLine(p.description) } : {}),
  };
}

function bodyOf(doc: JsonObject, raw: unknown) {
  const body = resolve(doc, raw);
  if (!isObject(body) || !body.content) return undefined;
  const [contentType, media] = Object.entries(objectOr(body.content))[0] ?? [];
  const schema = objectOr(resolve(doc, objectOr(media).schema ?? {}) ?? {});
  const merged: JsonObject = Array.isArray(schema.allOf) ? Object.assign({}, ...schema.allOf.map((s) => resolve(doc, s))) : schema;
  const required = new Set(Array.isArray(merged.required) ? merged.required : []);
  const fields = Object.entries(objectOr(merged.properties)).map(([name, s]) => {
    const field = objectOr(resolve(doc, s) ?? {});
    return {
      name,
      required: required.has(name),
      ...describeSchema(doc, field),
      ...(oneLine(field.description) ? { description: oneLine(field.description) } : {}),
    };
  });
  return { contentType, required: body.required === true, fields };
}

/** The content map of the first 2xx response. */
function successContent(doc: JsonObject, responses: unknown): JsonObject {
  const success = Object.entries(objectOr(responses)).find(([status]) => /^2\d\d$/.test(status))?.[1];
  return objectOr(objectOr(resolve(doc, success)).content);
}

/** json, text, binary or none: how the CLI reads and prints the success answer. */
function answerOf(doc: JsonObject, responses: unknown): string {
  const types = Object.keys(successContent(doc, responses));
  if (types.length === 0) return "none";
  if (types.every((t) => /^application\/(.+\+)?json(;|$)/.test(t))) return "json";
  if (types.every((t) => /^text\/|ndjson|tab-separated|csv|xml/.test(t))) return "text";
  return "binary";
}

/** The component name of the success answer's schema (`FutureStart`), when it is one: the command line waits on some by name. */
function answerSchemaOf(doc: JsonObject, responses: unknown): string | undefined {
  const ref = objectOr(objectOr(Object.values(successContent(doc, responses))[0]).schema).$ref;
  const match = typeof ref === "string" ? /^#\/components\/schemas\/([^/]+)$/.exec(ref) : null;
  return match ? match[1] : undefined;
}

/** The paging (a name from the manifest's infiniteQueries) of each operation that pages. */
function pagingOf(service: Service): Map<string, string> {
  const byOperation = new Map<string, string>();
  for (const [paging, operations] of Object.entries(service.infiniteQueries ?? {})) {
    for (const id of operations) byOperation.set(id, paging);
  }
  return byOperation;
}

/** The catalogue of one service: its title, settings names and every operation. */
export function serviceCatalogue(service: Service, doc: JsonObject) {
  const paging = pagingOf(service);
  const operations = [];
  for (const [route, value] of Object.entries(objectOr(doc.paths))) {
    const item = objectOr(value);
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op) || !op.operationId) continue;
      const id = String(op.operationId);
      const parameters = [
        ...(Array.isArray(item.parameters) ? item.parameters : []),
        ...(Array.isArray(op.parameters) ? op.parameters : []),
      ]
        .map((p) => parameterOf(doc, p))
        .filter((p) => p.in !== "cookie");
      // An operation's parameter overrides the path item's one of the same name and place.
      const unique = [...new Map(parameters.map((p) => [`${p.in}:${p.name}`, p])).values()];
      const body = op.requestBody ? bodyOf(doc, op.requestBody) : undefined;
      const answerSchema = answerSchemaOf(doc, op.responses);
      operations.push({
        id: op.operationId,
        command: kebabCase(id),
        tag: (Array.isArray(op.tags) ? op.tags[0] : undefined) ?? "default",
        summary: oneLine(op.summary) ?? oneLine(op.description) ?? `${method.toUpperCase()} ${route}`,
        method: method.toUpperCase(),
        path: route,
        parameters: unique,
        ...(body ? { body } : {}),
        answer: answerOf(doc, op.responses),
        ...(answerSchema ? { answerSchema } : {}),
        ...(paging.has(id) ? { paging: paging.get(id) } : {}),
      });
    }
  }
  return { name: service.name, title: service.title, ...(service.settings ? { settings: service.settings } : {}), operations };
}

function indexModule(entries: { service: Service; hasNode: boolean }[]): string {
  const lines = [
    "// Generated by scripts/generate.mjs (packages/generator/src/cli-catalogue/catalogue.ts) from specs/services.yaml. Do not edit: run `pnpm generate`.",
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

/** What a service's catalogue file was made from, so a run where neither it nor its document changed skips both. */
interface Made {
  /** A hash of the generator's bundle, the manifest entry and both files' metadata (write/file-states.ts). */
  fingerprint: string;
  operations: number;
  /** The newest ctime of the two files, in nanoseconds. */
  newest: string;
  /** A hash of the same with both files' contents instead: metadata changed by a checkout or `touch` alone is no reason to make it again. */
  content: string;
}

const sha = (...parts: (string | Buffer)[]) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
};

/**
 * The record of what each catalogue file was made from, beside the generation stamps
 * (write/stamps.ts). Only under the launcher, whose bundle key names the code that made
 * them; tests that run the sources directly always read the documents.
 */
function madeRecord(root: string): { file: string; code: string } | undefined {
  const code = process.env.SCICLIENTS_GENERATOR_BUNDLE;
  if (!code) return undefined;
  return { file: path.join(root, "node_modules/.cache/sciclients-generate", `${sha(root).slice(0, 16)}-cli-catalogue.json`), code };
}

async function readMade(file: string): Promise<Record<string, Made>> {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch {
    return {};
  }
}

/**
 * Writes packages/cli/src/generated/ for every service of the manifest; returns the number of operations.
 * A service whose document and catalogue file are untouched since they were last made is not read again.
 */
export async function writeCliCatalogue(root: string, services: Service[]): Promise<number> {
  const dir = path.join(root, CLI_DIRECTORY, "src/generated");
  if (!existsSync(path.join(root, CLI_DIRECTORY))) return 0;
  await mkdir(dir, { recursive: true });
  const record = madeRecord(root);
  const saved = record ? await readMade(record.file) : {};
  const made: Record<string, Made> = {};
  const entries: { service: Service; hasNode: boolean }[] = [];
  let count = 0;
  for (const service of services) {
    const document = path.join(root, service.directory, "src/generated/openapi.json");
    // A service not generated yet (a partial run of a new one) joins on its own generation.
    if (!existsSync(document)) continue;
    entries.push({ service, hasNode: existsSync(path.join(root, service.directory, "src/node.ts")) });
    const file = path.join(dir, `${service.name}.json`);
    const fingerprint = (states: string) => sha(record?.code ?? "", JSON.stringify(service), states);
    const content = () =>
      sha(record?.code ?? "", JSON.stringify(service), readFileSync(document), existsSync(file) ? readFileSync(file) : "-");
    const prior = saved[service.name];
    if (record && prior) {
      // The metadata first: a file changed while the contents are read then differs from it next time.
      const states = fileStates([document, file]);
      const same = prior.fingerprint === fingerprint(states) && isSettled(record.file, BigInt(prior.newest));
      if (same || prior.content === content()) {
        made[service.name] = same ? prior : { ...prior, fingerprint: fingerprint(states), newest: String(newestChange(states)) };
        count += prior.operations;
        continue;
      }
    }
    const doc = JSON.parse(await readFile(document, "utf8"));
    const catalogue = serviceCatalogue(service, doc);
    count += catalogue.operations.length;
    await writeIfChanged(file, `${JSON.stringify(catalogue, null, 2)}\n`);
    if (record) {
      const states = fileStates([document, file]);
      made[service.name] = {
        fingerprint: fingerprint(states),
        operations: catalogue.operations.length,
        newest: String(newestChange(states)),
        content: content(),
      };
    }
  }
  await writeIfChanged(path.join(dir, "services.ts"), indexModule(entries));
  // A service gone from the manifest leaves no catalogue behind.
  const wanted = new Set([...entries.map((e) => `${e.service.name}.json`), "services.ts"]);
  for (const file of await readdir(dir)) if (!wanted.has(file)) await rm(path.join(dir, file));
  if (record && JSON.stringify(made) !== JSON.stringify(saved)) {
    await mkdir(path.dirname(record.file), { recursive: true });
    await writeFile(record.file, JSON.stringify(made));
  }
  return count;
}

async function writeIfChanged(file: string, text: string): Promise<void> {
  if (existsSync(file) && (await readFile(file, "utf8")) === text) return;
  await writeFile(file, text);
}
