import type { Change } from "../../types.ts";
import { isObject, operations } from "../walk.ts";
import { componentsOf, type Doc, listOf, modelName, pascal, record, renameComponents, sectionOf, uniqueName } from "./shared.ts";

/** Type names that are global, imported by the generated files or exported by a client's entry point. */
const GLOBAL_TYPES = new Set(
  (
    "Blob File Error Date Object Array Promise Record Partial Required Readonly Pick Omit Exclude Extract Parameters ReturnType " +
    "Awaited NonNullable Map Set WeakMap String Number Boolean Symbol BigInt Function JSON Math RegExp URL URLSearchParams " +
    "FormData Response Request Headers ReadableStream Buffer ArrayBuffer Uint8Array AbortSignal Iterator Iterable Event Node " +
    "Element Document Window Storage Location Text Model AxiosRequestConfig AxiosResponse QueryFunction QueryKey QueryClient " +
    "UseQueryOptions UseQueryResult UseMutationOptions UseMutationResult MutationFunction DataTag DefinedInitialDataOptions " +
    "DefinedUseQueryResult UndefinedInitialDataOptions UseSuspenseQueryOptions UseSuspenseQueryResult InvalidateOptions " +
    "ErrorType BodyType RequestHandlerOptions HttpResponse ApiError ApiErrorInit AuthError BinaryBody FileSource RequestOptions MissingClientError"
  ).split(" "),
);

/** Model names whose file (`model/<name>.ts`) is one the generator writes itself: the model barrel. */
const MODEL_FILES = new Set(["index"]);

/** Type names orval derives from each operation (parameters, bodies, responses, hooks). */
function operationTypeNames(doc: Doc): Set<string> {
  const names = new Set<string>();
  for (const { op } of operations(doc)) {
    // fixOperationIds, earlier, gave every operation a string id.
    const P = pascal(op.operationId as string);
    for (const s of [
      "Params",
      "Body",
      "Headers",
      "PathParameters",
      "QueryResult",
      "QueryError",
      "SuspenseQueryResult",
      "SuspenseQueryError",
    ])
      names.add(`${P}${s}`);
    // `…Result`: the answer type of each plain function (`@sciclients/<service>-client/functions`).
    for (const s of ["Result", "MutationResult", "MutationBody", "MutationError", "QueryKey"]) names.add(`${P}${s}`);
    for (const status of Object.keys(isObject(op.responses) ? op.responses : {})) {
      names.add(`${P}${pascal(status)}`);
      names.add(`${P}${pascal(status)}Item`);
    }
    for (const p of listOf(op.parameters)) if (isObject(p) && typeof p.name === "string") names.add(`${P}${pascal(p.name)}`);
  }
  return names;
}

/**
 * Schema names that would collide in the generated code: with globals and the
 * generated files' imports, with types orval derives from operations and other
 * components, or with each other once turned into type names.
 */
export function fixSchemaNames(doc: Doc, changes: Change[]): void {
  const schemas = sectionOf(doc, "schemas");
  if (!isObject(schemas)) return;
  const derived = operationTypeNames(doc);
  const components = componentsOf(doc);
  for (const [section, suffix] of [
    ["responses", "Response"],
    ["requestBodies", "Body"],
    ["parameters", "Parameter"],
  ] as const) {
    const entries = components[section];
    for (const key of Object.keys(isObject(entries) ? entries : {})) derived.add(modelName(key, suffix));
  }
  const derivedLower = new Set([...derived].map((n) => n.toLowerCase()));
  const globalsLower = new Set([...GLOBAL_TYPES, ...MODEL_FILES].map((n) => n.toLowerCase()));
  const taken = new Set([...derivedLower, ...globalsLower]);
  // null while a clean name keeps its key (the first pass), a new name otherwise.
  const renames = new Map<string, string | null>();
  const keys = Object.keys(schemas);
  // Names that are fine keep their place first, so a clash renames the later or the offending one only.
  const wanted = keys.map((key) => ({ key, name: modelName(key) }));
  const clean = new Set<string>();
  for (const { key, name } of wanted) {
    const lower = name.toLowerCase();
    if (!name || taken.has(lower) || clean.has(lower)) continue;
    clean.add(lower);
    renames.set(key, null);
  }
  for (const lower of clean) taken.add(lower);
  for (const { key, name } of wanted) {
    if (renames.get(key) === null) {
      renames.delete(key);
      continue;
    }
    const lower = name.toLowerCase();
    const base = !name ? "Schema" : globalsLower.has(lower) || derivedLower.has(lower) ? `${name}Schema` : name;
    const next = uniqueName(base, taken);
    if (next === key) continue;
    renames.set(key, next);
    const why = !name
      ? "has no usable name"
      : MODEL_FILES.has(lower)
        ? `would be written to model/${lower}.ts, over the model barrel`
        : globalsLower.has(lower)
          ? "is a global or generated name"
          : derivedLower.has(lower)
            ? "collides with a type generated for an operation or component"
            : "collides with another schema";
    record(changes, "schema-name", ["components", "schemas", key], `"${key}" ${why}: renamed "${next}"`);
  }
  // The first pass's nulls are all gone by now: what is left are new names.
  if (renames.size > 0) renameComponents(doc, "schemas", renames as Map<string, string>);
}
