// The fixes the preparation step applies to an OpenAPI 3 document, each one
// deterministic and recorded as `{ fix, pointer, message }`. A clean document
// comes out unchanged, so its generated code is the same as without them.
import orvalCore from "@orval/core";

// @orval/core is CommonJS; Node 24 cannot see its named exports from ESM, so take them off the default export.
const { camel, pascal, sanitize } = orvalCore;

import { operationNamer, orvalOperationId } from "./operation-names.ts";
import { forEachRef, forEachSchema, isObject, METHODS, operations, pointer, refOf, refTokens, resolveTokens } from "./walk.ts";

const JS_RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if " +
    "implements import in instanceof interface let new null package private protected public return static super switch this " +
    "throw true try typeof var void while with yield await arguments eval undefined NaN Infinity"
  ).split(" "),
);

/** Function names the generated endpoint and mock files define or import themselves. */
const GENERATED_FUNCTIONS = new Set(
  (
    "query mutation suspenseQuery infiniteQuery suspenseInfiniteQuery queryClient queryOptions mutationOptions isFetching " +
    "isMutating faker http delay axios toMultipart toFormUrlEncoded params options signal queryKey queryFn mutationFn mutationKey " +
    "customOptions props"
  ).split(" "),
);

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

const record = (changes, fix, tokens, message) => changes.push({ fix, pointer: pointer(tokens), message });

/** The type name orval gives a component (`pet-status` → `PetStatus`). */
const modelName = (key, suffix = "") =>
  sanitize(pascal(key) + suffix, { es5keyword: true, es5IdentifierName: true, underscore: true, dash: true });

function uniqueName(base, taken) {
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}${n}`;
  taken.add(name.toLowerCase());
  return name;
}

function fixInfo(doc, changes) {
  const info = doc.info;
  const title = typeof info.title === "string" ? info.title.replace(/\s+/g, " ").replace(/\*\//g, "").trim() : "";
  if (title !== info.title) {
    info.title = title || "API";
    record(changes, "info", ["info", "title"], "title made a single line");
  }
  if (typeof info.version !== "string") {
    info.version = info.version === undefined ? "0" : String(info.version);
    record(changes, "info", ["info", "version"], "version made a string");
  }
  if (typeof info.description === "string" && info.description.length > 4000) {
    const cut = info.description.slice(0, 4000);
    const paragraph = cut.lastIndexOf("\n\n");
    info.description = `${(paragraph > 200 ? cut.slice(0, paragraph) : cut).trimEnd()}…`;
    record(changes, "info", ["info", "description"], "description trimmed to its first 4,000 characters");
  }
}

/** Path items given as `$ref`s are copied in place, so every operation is where the tools look. */
function inlinePathItemRefs(doc, changes) {
  for (const [route, item] of Object.entries(doc.paths)) {
    if (isObject(item) && typeof item.$ref === "string") {
      const target = resolveTokens(doc, refTokens(item.$ref) ?? []);
      if (isObject(target)) {
        doc.paths[route] = structuredClone(target);
        record(changes, "path-item-ref", ["paths", route], `path item ${item.$ref} copied in place`);
      }
    }
  }
}

/** The component section a `$ref` written at `tokens` must point into. */
function refKind(tokens) {
  const last = tokens.at(-1);
  const parent = tokens.at(-2);
  const grand = tokens.at(-3);
  if (parent === "parameters" && typeof last === "number") return "parameters";
  if (last === "requestBody") return "requestBodies";
  if (grand === "properties") return "schemas";
  if (parent === "responses") return "responses";
  if (parent === "headers") return "headers";
  if (parent === "examples") return "examples";
  if (parent === "links") return "links";
  if (parent === "callbacks") return "callbacks";
  if (tokens[0] === "paths" && tokens.length === 2) return "pathItems";
  return "schemas";
}

const STRUCTURAL = new Set(["content", "schema", "properties", "items", "responses", "parameters", "paths", "components", "schemas"]);

function hoistedName(doc, target) {
  let words = target;
  if (target[0] === "paths" && target.length >= 3) {
    const op = resolveTokens(doc, target.slice(0, 3));
    words = [isObject(op) && typeof op.operationId === "string" ? op.operationId : `${target[2]} ${target[1]}`, ...target.slice(3)];
  } else if (target[0] === "components") words = target.slice(2);
  const kept = words.filter((w) => !STRUCTURAL.has(w) && !String(w).includes("/")).map((w) => (w === "requestBody" ? "body" : String(w)));
  return pascal(kept.join(" ")) || "Schema";
}

/**
 * `$ref`s that point inside a schema, a path or a response (anything but a whole
 * component) become references to a new named component holding that object.
 */
function hoistDeepRefs(doc, changes) {
  const deep = new Map();
  forEachRef(doc, (node, tokens) => {
    const target = refTokens(node.$ref);
    if (!target || (target.length === 3 && target[0] === "components")) return;
    const kind = refKind(tokens);
    if (kind === "pathItems") return;
    const key = refOf(target);
    if (!deep.has(key)) deep.set(key, { target, kind, at: tokens });
  });
  if (deep.size === 0) return;
  doc.components ??= {};
  const moved = new Map();
  // Deepest first: a target inside another target moves before its container does.
  const ordered = [...deep.entries()].sort(([a, x], [b, y]) => y.target.length - x.target.length || a.localeCompare(b));
  for (const [key, { target, kind, at }] of ordered) {
    const parent = resolveTokens(doc, target.slice(0, -1));
    const value = parent?.[target.at(-1)];
    if (!isObject(value)) continue;
    doc.components[kind] ??= {};
    const taken = new Set(Object.keys(doc.components[kind]).map((k) => k.toLowerCase()));
    const name = uniqueName(hoistedName(doc, target), taken);
    doc.components[kind][name] = value;
    const ref = refOf(["components", kind, name]);
    parent[target.at(-1)] = { $ref: ref };
    moved.set(key, ref);
    record(changes, "deep-ref", at, `${key} moved to ${ref}`);
  }
  forEachRef(doc, (node) => {
    const target = refTokens(node.$ref);
    const next = target && moved.get(refOf(target));
    if (next) node.$ref = next;
  });
}

const pathParamNames = (route) => [...route.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);

/** Path parameters match the template: declared once each, required, none extra. */
function fixPathParameters(doc, changes) {
  const resolve = (p) => (isObject(p) && typeof p.$ref === "string" ? resolveTokens(doc, refTokens(p.$ref) ?? []) : p);
  for (const [route, item] of Object.entries(doc.paths)) {
    if (!isObject(item)) continue;
    const names = pathParamNames(route);
    if (Array.isArray(item.parameters)) {
      const before = item.parameters.length;
      item.parameters = item.parameters.filter((p) => resolve(p)?.in !== "path" || names.includes(resolve(p).name));
      if (item.parameters.length !== before)
        record(changes, "path-parameter", ["paths", route, "parameters"], "path parameters not in the path removed");
    }
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const at = ["paths", route, method];
      if (!isObject(op.responses) || Object.keys(op.responses).length === 0) {
        op.responses = { default: { description: "No response documented" } };
        record(changes, "responses", [...at, "responses"], "no responses: an empty default response added");
      }
      op.parameters ??= [];
      const before = op.parameters.length;
      op.parameters = op.parameters.filter((p) => resolve(p)?.in !== "path" || names.includes(resolve(p).name));
      if (op.parameters.length !== before)
        record(changes, "path-parameter", [...at, "parameters"], "path parameters not in the path removed");
      const declared = [...(item.parameters ?? []), ...op.parameters].map(resolve).filter((p) => p?.in === "path");
      for (const name of names) {
        const param = declared.find((p) => p.name === name);
        if (!param) {
          op.parameters.push({ name, in: "path", required: true, schema: { type: "string" } });
          record(changes, "path-parameter", [...at, "parameters"], `path parameter "${name}" declared (string)`);
        } else if (param.required !== true) {
          param.required = true;
          record(changes, "path-parameter", [...at, "parameters"], `path parameter "${name}" made required`);
        }
        // orval moves a parameter with a default after the others; a path parameter is always given.
        const schema = param && isObject(param.schema) ? param.schema : undefined;
        if (schema && Object.hasOwn(schema, "default")) {
          delete schema.default;
          record(changes, "path-parameter", [...at, "parameters"], `default of path parameter "${name}" removed`);
        }
      }
      if (op.parameters.length === 0 && before === 0) delete op.parameters;
    }
  }
}

/**
 * Every operation gets an operationId that is already the name orval gives its
 * function, unique, and neither a JS keyword nor a name the generated code uses.
 */
function fixOperationIds(doc, changes, reserved) {
  const taken = new Set();
  // Operations without an id are named from method and path (scripts/lib/operation-names.mjs).
  const derivedName = operationNamer(doc);
  for (const { op, item, path: route, method, tokens } of operations(doc)) {
    // A parameter named like its operation would hide the function inside the generated hooks.
    const paramNames = [...(item.parameters ?? []), ...(op.parameters ?? [])]
      .map((p) => (isObject(p) && typeof p.$ref === "string" ? resolveTokens(doc, refTokens(p.$ref) ?? []) : p))
      .filter((p) => isObject(p) && typeof p.name === "string")
      .map((p) => camel(p.name));
    const original = typeof op.operationId === "string" && op.operationId.trim() !== "" ? op.operationId : undefined;
    // Separators become word breaks: `repos/get-content` → `reposGetContent`.
    let id = camel((original ?? derivedName(method, route, taken)).replace(/[^A-Za-z0-9\u00C0-\u017F$]+/g, " ").trim());
    if (!id || !/^[A-Za-z_$]/.test(id)) id = camel(`op ${id}`) || orvalOperationId(method, route);
    if (JS_RESERVED.has(id) || GENERATED_FUNCTIONS.has(id) || reserved.includes(id) || paramNames.includes(id)) id = `${id}Operation`;
    id = uniqueName(id, taken);
    if (id === original) continue;
    op.operationId = id;
    const why = original === undefined ? "missing" : "renamed";
    record(
      changes,
      "operation-id",
      [...tokens, "operationId"],
      `${why}: ${original === undefined ? "derived" : JSON.stringify(original)} → "${id}"`,
    );
  }
}

/** Type names orval derives from each operation (parameters, bodies, responses, hooks). */
function operationTypeNames(doc) {
  const names = new Set();
  for (const { op } of operations(doc)) {
    const P = pascal(op.operationId);
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
    for (const status of Object.keys(op.responses ?? {})) {
      names.add(`${P}${pascal(status)}`);
      names.add(`${P}${pascal(status)}Item`);
    }
    for (const p of op.parameters ?? []) if (isObject(p) && typeof p.name === "string") names.add(`${P}${pascal(p.name)}`);
  }
  return names;
}

/** Renames components of a section: `#/components/<section>/Old` → `New` everywhere, discriminator mappings included. */
function renameComponents(doc, section, renames) {
  const entries = doc.components[section];
  doc.components[section] = Object.fromEntries(Object.entries(entries).map(([k, v]) => [renames.get(k) ?? k, v]));
  forEachRef(doc, (node) => {
    const t = refTokens(node.$ref);
    if (t && t[0] === "components" && t[1] === section && renames.has(t[2]))
      node.$ref = refOf(["components", section, renames.get(t[2]), ...t.slice(3)]);
  });
  if (section !== "schemas") return;
  forEachSchema(doc, (schema) => {
    const mapping = schema.discriminator?.mapping;
    if (!isObject(mapping)) return;
    for (const [value, target] of Object.entries(mapping)) {
      const t = refTokens(target);
      if (t && t[1] === "schemas" && renames.has(t[2])) mapping[value] = refOf(["components", "schemas", renames.get(t[2])]);
      else if (!t && renames.has(target)) mapping[value] = renames.get(target);
    }
  });
}

const SECTION_WORDS = { responses: "Status", requestBodies: "Body", parameters: "Param", headers: "Header" };

/** Component keys orval turns into type names without making them identifiers (`400` → `400Response`). */
function fixComponentKeys(doc, changes) {
  for (const [section, word] of Object.entries(SECTION_WORDS)) {
    const entries = doc.components?.[section];
    if (!isObject(entries)) continue;
    const taken = new Set(Object.keys(entries).map((k) => k.toLowerCase()));
    const renames = new Map();
    for (const key of Object.keys(entries)) {
      const name = pascal(key);
      if (/^[A-Za-z_$]/.test(name) && !JS_RESERVED.has(name)) continue;
      const next = uniqueName(`${word}${name}`, taken);
      renames.set(key, next);
      record(changes, "component-name", ["components", section, key], `"${key}" is no identifier: renamed "${next}"`);
    }
    if (renames.size > 0) renameComponents(doc, section, renames);
  }
}

/** Whether orval writes a named type of its own for an inline schema (enums and objects with properties). */
const namesItself = (schema) =>
  isObject(schema) &&
  schema.$ref === undefined &&
  (Array.isArray(schema.enum) || isObject(schema.properties) || Array.isArray(schema.allOf));

/**
 * Anonymous schemas: orval names an inline enum or object after its place
 * (property `status` of `Pet` → `PetStatus`); when a component already has that
 * name, the inline schema becomes a component of its own under a free name.
 */
function nameAnonymousSchemas(doc, changes) {
  const schemas = doc.components?.schemas;
  if (!isObject(schemas)) return;
  const taken = new Set(Object.keys(schemas).map((k) => modelName(k).toLowerCase()));
  for (const key of Object.keys(schemas)) {
    const owner = schemas[key];
    if (!isObject(owner?.properties)) continue;
    for (const [prop, value] of Object.entries(owner.properties)) {
      const candidates = [
        [value, [prop], modelName(key) + pascal(prop)],
        [value?.items, [prop, "items"], `${modelName(key) + pascal(prop)}Item`],
      ];
      for (const [inline, where, derived] of candidates) {
        if (!namesItself(inline) || !taken.has(derived.toLowerCase())) continue;
        const name = uniqueName(derived, taken);
        schemas[name] = inline;
        const ref = { $ref: refOf(["components", "schemas", name]) };
        if (where.length === 1) owner.properties[prop] = ref;
        else owner.properties[prop].items = ref;
        record(
          changes,
          "anonymous-schema",
          ["components", "schemas", key, "properties", ...where],
          `inline schema named "${name}" (${derived} is taken)`,
        );
      }
    }
  }
}

/**
 * Schema names that would collide in the generated code: with globals and the
 * generated files' imports, with types orval derives from operations and other
 * components, or with each other once turned into type names.
 */
function fixSchemaNames(doc, changes) {
  const schemas = doc.components?.schemas;
  if (!isObject(schemas)) return;
  const derived = operationTypeNames(doc);
  const components = doc.components;
  for (const [section, suffix] of [
    ["responses", "Response"],
    ["requestBodies", "Body"],
    ["parameters", "Parameter"],
  ]) {
    for (const key of Object.keys(isObject(components[section]) ? components[section] : {})) derived.add(modelName(key, suffix));
  }
  const derivedLower = new Set([...derived].map((n) => n.toLowerCase()));
  const globalsLower = new Set([...GLOBAL_TYPES, ...MODEL_FILES].map((n) => n.toLowerCase()));
  const taken = new Set([...derivedLower, ...globalsLower]);
  const renames = new Map();
  const keys = Object.keys(schemas);
  // Names that are fine keep their place first, so a clash renames the later or the offending one only.
  const wanted = keys.map((key) => ({ key, name: modelName(key) }));
  const clean = new Set();
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
  if (renames.size > 0) renameComponents(doc, "schemas", renames);
}

const FORM_TYPES = ["multipart/form-data", "application/x-www-form-urlencoded"];

/** Form and multipart bodies are objects (orval's encoders take objects). */
function fixFormBodies(doc, changes) {
  const visitContent = (content, tokens) => {
    if (!isObject(content)) return;
    for (const media of Object.keys(content)) {
      if (!FORM_TYPES.includes(media.split(";")[0].trim())) continue;
      const entry = content[media];
      const at = [...tokens, media, "schema"];
      let schema = entry?.schema;
      let schemaAt = at;
      while (isObject(schema) && typeof schema.$ref === "string") {
        schemaAt = refTokens(schema.$ref) ?? at;
        schema = resolveTokens(doc, schemaAt);
      }
      if (!isObject(entry)) continue;
      if (!isObject(schema)) {
        entry.schema = { type: "object", additionalProperties: true };
        record(changes, "form-body", at, "no schema: any object");
      } else if (schema.type === undefined && (isObject(schema.properties) || Array.isArray(schema.allOf))) {
        schema.type = "object";
        record(changes, "form-body", schemaAt, 'form fields without "type: object": type added');
      } else if (schema.type !== "object" && schema.type !== undefined) {
        const field = schema.format === "binary" || schema.type === "file" ? "file" : "value";
        entry.schema = { type: "object", properties: { [field]: entry.schema }, required: [field] };
        record(changes, "form-body", at, `a ${schema.type} body sent as form field "${field}"`);
      } else if (schema.type === undefined && !Array.isArray(schema.oneOf) && !Array.isArray(schema.anyOf)) {
        schema.type = "object";
        record(changes, "form-body", schemaAt, 'form body without "type": object');
      }
    }
  };
  for (const { op, tokens } of operations(doc)) {
    if (isObject(op.requestBody) && !op.requestBody.$ref) visitContent(op.requestBody.content, [...tokens, "requestBody", "content"]);
  }
  for (const [name, body] of Object.entries(isObject(doc.components?.requestBodies) ? doc.components.requestBodies : {})) {
    if (isObject(body)) visitContent(body.content, ["components", "requestBodies", name, "content"]);
  }
}

const typeOf = (schema) => (Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type);

/** A string orval can write between single quotes and in a comment. */
const safeString = (v) => !/['\\\n\r\u2028\u2029]|\*\//.test(v);

/** Enums orval can write: no quotes or backslashes in values, values of the schema's type, no nulls. */
function fixEnums(doc, changes) {
  forEachSchema(doc, (schema, tokens) => {
    if (schema.enum === undefined) return;
    const at = [...tokens, "enum"];
    if (!Array.isArray(schema.enum) || schema.enum.length === 0) {
      delete schema.enum;
      record(changes, "enum", at, "empty or malformed enum removed");
      return;
    }
    if (schema.enum.includes(null)) {
      schema.enum = schema.enum.filter((v) => v !== null);
      if (!Array.isArray(schema.type)) schema.nullable = true;
      record(changes, "enum", at, "null enum value expressed as nullable");
      if (schema.enum.length === 0) {
        delete schema.enum;
        return;
      }
    }
    const type = typeOf(schema);
    if (type === "string" && schema.enum.some((v) => typeof v !== "string")) {
      schema.enum = [...new Set(schema.enum.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))))];
      record(changes, "enum", at, "non-string values of a string enum written as strings");
    }
    if ((type === "integer" || type === "number") && schema.enum.some((v) => typeof v !== "number")) {
      if (schema.enum.every((v) => typeof v === "number" || (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))))) {
        schema.enum = [...new Set(schema.enum.map(Number))];
        record(changes, "enum", at, "numeric strings of a number enum written as numbers");
      } else {
        delete schema.enum;
        record(changes, "enum", at, "enum values that are not numbers: enum removed");
        return;
      }
    }
    if (type === undefined && schema.enum.every((v) => typeof v === "string")) {
      schema.type = "string";
      record(changes, "enum", [...tokens, "type"], 'string enum without a type: "type: string" added');
    }
    if (schema.enum.some((v) => typeof v === "string" && !safeString(v)) || schema.enum.some((v) => typeof v === "object")) {
      delete schema.enum;
      record(changes, "enum", at, "enum values with quotes, backslashes, line breaks or objects: enum removed (plain type kept)");
    }
  });
}

/** A default that matches its schema's type, or none. */
function fixDefaults(doc, changes) {
  forEachSchema(doc, (schema, tokens) => {
    if (!Object.hasOwn(schema, "default")) return;
    const value = schema.default;
    const type = typeOf(schema);
    const at = [...tokens, "default"];
    let next = value;
    if (value === null) next = schema.nullable || (Array.isArray(schema.type) && schema.type.includes("null")) ? null : undefined;
    else if (type === "integer" || type === "number") {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      next = typeof n === "number" && Number.isFinite(n) && (type === "number" || Number.isInteger(n)) ? n : undefined;
    } else if (type === "boolean")
      next = value === "true" ? true : value === "false" ? false : typeof value === "boolean" ? value : undefined;
    else if (type === "string")
      next = typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
    else if (type === "array") next = Array.isArray(value) ? value : undefined;
    else if (type === "object") next = isObject(value) ? value : undefined;
    if (next !== undefined && Array.isArray(schema.enum) && !schema.enum.includes(next)) next = undefined;
    if (typeof next === "string" && !safeString(next)) next = undefined;
    if (next === value) return;
    if (next === undefined) {
      delete schema.default;
      record(changes, "default", at, `default ${JSON.stringify(value)} does not fit the schema: removed`);
    } else {
      schema.default = next;
      record(changes, "default", at, `default ${JSON.stringify(value)} written as ${JSON.stringify(next)}`);
    }
  });
}

/**
 * Objects with named properties and typed additional properties: TypeScript
 * requires every named property (optional ones included, so `| undefined`) to
 * fit the index signature, which real schemas rarely do. The additional
 * properties become `unknown`; the named ones keep their types.
 */
function fixIndexSignatures(doc, changes) {
  forEachSchema(doc, (schema, tokens) => {
    const extra = schema.additionalProperties;
    if (!isObject(schema.properties) || Object.keys(schema.properties).length === 0) return;
    if (!isObject(extra) || Object.keys(extra).length === 0) return;
    schema.additionalProperties = true;
    record(
      changes,
      "additional-properties",
      [...tokens, "additionalProperties"],
      "typed additional properties beside named ones: made any value",
    );
  });
}

/**
 * A text response described by an object or array schema is JSON sent with the
 * wrong media type: declared as application/json, its type and the parsed value agree.
 */
function fixTextResponses(doc, changes) {
  const visit = (response, tokens) => {
    if (!isObject(response?.content)) return;
    for (const media of Object.keys(response.content)) {
      if (!/^text\/(plain|html)/.test(media)) continue;
      let schema = response.content[media]?.schema;
      for (let i = 0; i < 20 && isObject(schema) && typeof schema.$ref === "string"; i++)
        schema = resolveTokens(doc, refTokens(schema.$ref) ?? []);
      const structured =
        isObject(schema) && (["object", "array"].includes(typeOf(schema)) || isObject(schema.properties) || isObject(schema.items));
      if (!structured) continue;
      const entry = response.content[media];
      delete response.content[media];
      response.content["application/json"] ??= entry;
      record(
        changes,
        "text-response",
        [...tokens, "content", media],
        `${media} response with an object or array schema declared as application/json`,
      );
    }
  };
  for (const { op, tokens } of operations(doc)) {
    for (const [status, response] of Object.entries(isObject(op.responses) ? op.responses : {}))
      visit(response, [...tokens, "responses", status]);
  }
  for (const [name, response] of Object.entries(isObject(doc.components?.responses) ? doc.components.responses : {})) {
    visit(response, ["components", "responses", name]);
  }
}

/** Schema components that take part in a reference cycle (a schema reaching itself). */
export function cyclicSchemas(doc) {
  const schemas = isObject(doc.components?.schemas) ? doc.components.schemas : {};
  const edges = new Map();
  for (const [key, schema] of Object.entries(schemas)) {
    const targets = new Set();
    forEachRef({ schema }, (node) => {
      const t = refTokens(node.$ref);
      if (t && t[0] === "components" && t[1] === "schemas" && t.length === 3) targets.add(t[2]);
    });
    edges.set(key, targets);
  }
  // Tarjan's strongly connected components: a component of two or more, or a self-reference, is a cycle.
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cyclic = new Set();
  let counter = 0;
  const visit = (v) => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const members = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        members.push(w);
      } while (w !== v);
      if (members.length > 1 || edges.get(v)?.has(v)) for (const m of members) cyclic.add(m);
    }
  };
  for (const key of edges.keys()) if (!index.has(key)) visit(key);
  return cyclic;
}

/**
 * orval's mock generator stops a recursion by comparing type names with the
 * names in `$ref`s; for a recursive schema whose key is not already its type
 * name (`io.k8s…JSONSchemaProps`) the check never matches and generation
 * overflows the stack. Such schemas are renamed to their type names.
 */
function fixCyclicSchemaKeys(doc, changes) {
  const schemas = doc.components?.schemas;
  if (!isObject(schemas)) return;
  const taken = new Set(Object.keys(schemas).map((k) => k.toLowerCase()));
  const renames = new Map();
  for (const key of cyclicSchemas(doc)) {
    const name = modelName(key);
    if (name === key) continue;
    taken.delete(key.toLowerCase());
    const next = uniqueName(name, taken);
    renames.set(key, next);
    record(changes, "schema-name", ["components", "schemas", key], `"${key}" is recursive: renamed to its type name "${next}"`);
  }
  if (renames.size > 0) renameComponents(doc, "schemas", renames);
}

/**
 * Path parameters whose names are one identifier once camelCased (`user-id`
 * and `user_id` → `userId`) would be two arguments of the same name: the later
 * one is renamed, in the path template and its declaration (a shared component
 * parameter is copied first). Only code names change: the URL is the same.
 */
function fixParameterNames(doc, changes) {
  const renamedRoutes = new Map();
  for (const [route, item] of Object.entries(doc.paths)) {
    if (!isObject(item)) continue;
    const names = pathParamNames(route);
    const seen = new Set();
    const renames = new Map();
    for (const name of names) {
      const id = camel(name);
      if (!seen.has(id.toLowerCase())) {
        seen.add(id.toLowerCase());
        continue;
      }
      const next = uniqueName(id, seen);
      renames.set(name, next);
    }
    if (renames.size === 0) continue;
    const lists = [item.parameters, ...METHODS.map((m) => item[m]?.parameters)].filter(Array.isArray);
    for (const list of lists) {
      for (const [i, p] of list.entries()) {
        const param = isObject(p) && typeof p.$ref === "string" ? resolveTokens(doc, refTokens(p.$ref) ?? []) : p;
        if (!isObject(param) || param.in !== "path" || !renames.has(param.name)) continue;
        list[i] = { ...structuredClone(param), name: renames.get(param.name) };
      }
    }
    const next = route.replace(/\{([^}]+)\}/g, (all, name) => (renames.has(name) ? `{${renames.get(name)}}` : all));
    renamedRoutes.set(route, next);
    for (const [from, to] of renames)
      record(
        changes,
        "parameter-name",
        ["paths", route],
        `path parameters "${from}" and another are one identifier: "${from}" renamed "${to}"`,
      );
  }
  if (renamedRoutes.size > 0)
    doc.paths = Object.fromEntries(Object.entries(doc.paths).map(([route, item]) => [renamedRoutes.get(route) ?? route, item]));
}

/** A tag orval can make a folder and a name of: it starts with a letter. */
function fixTags(doc, changes) {
  const renames = new Map();
  const taken = new Set();
  const allTags = [
    ...(Array.isArray(doc.tags) ? doc.tags.map((t) => t?.name) : []),
    ...operations(doc).flatMap(({ op }) => (Array.isArray(op.tags) ? op.tags : [])),
  ].filter((t) => typeof t === "string");
  for (const tag of allTags) if (/^[A-Za-z]/.test(tag)) taken.add(tag.toLowerCase());
  for (const tag of allTags) {
    if (/^[A-Za-z]/.test(tag) || renames.has(tag)) continue;
    const words = tag.replace(/^[^A-Za-z]+/, "");
    // A tag starting with digits keeps them after a word (`2fa` → `tag-2fa`); one of symbols loses them.
    const base = /^[0-9]/.test(tag) ? `tag-${tag.replace(/[^A-Za-z0-9]+/g, "-")}` : words || "tag";
    const next = uniqueName(base, taken);
    renames.set(tag, next);
  }
  if (renames.size === 0) return;
  if (Array.isArray(doc.tags)) for (const t of doc.tags) if (isObject(t) && renames.has(t.name)) t.name = renames.get(t.name);
  for (const { op } of operations(doc)) {
    if (!Array.isArray(op.tags)) continue;
    op.tags = op.tags.map((t) => renames.get(t) ?? t);
  }
  for (const [from, to] of renames) record(changes, "tag", ["tags"], `tag "${from}" does not start with a letter: renamed "${to}"`);
}

/** The schema components a schema is an alias of: its `$ref`, or those of its allOf/anyOf/oneOf members, not nested deeper. */
function aliasTargets(schema) {
  const targets = [];
  const visit = (node) => {
    if (!isObject(node)) return;
    const t = typeof node.$ref === "string" ? refTokens(node.$ref) : undefined;
    if (t && t[0] === "components" && t[1] === "schemas" && t.length === 3) targets.push(t[2]);
    for (const key of ["allOf", "anyOf", "oneOf"]) if (Array.isArray(node[key])) node[key].forEach(visit);
  };
  visit(schema);
  return targets;
}

/**
 * Schemas that are, through `$ref`s and allOf/anyOf/oneOf alone, themselves
 * (`Node: { $ref: Node }`, or `Ping` → `Pong` → `Ping`) have no type: both
 * generators write `type X = X`. The reference that closes the loop becomes
 * an empty schema (any value).
 */
function fixAliasCycles(doc, changes) {
  const schemas = doc.components?.schemas;
  if (!isObject(schemas)) return;
  const state = new Map(); // key → "visiting" | "done"
  const breakAt = (key, target) => {
    const strip = (node) => {
      if (!isObject(node)) return node;
      const t = typeof node.$ref === "string" ? refTokens(node.$ref) : undefined;
      if (t && t[1] === "schemas" && t[2] === target && t.length === 3) {
        const { $ref: _, ...rest } = node;
        return rest;
      }
      for (const k of ["allOf", "anyOf", "oneOf"]) if (Array.isArray(node[k])) node[k] = node[k].map(strip);
      return node;
    };
    schemas[key] = strip(schemas[key]);
    record(
      changes,
      "alias-cycle",
      ["components", "schemas", key],
      `"${key}" is an alias of itself (through "${target}"): that reference made any value`,
    );
  };
  const visit = (key) => {
    state.set(key, "visiting");
    for (const target of aliasTargets(schemas[key])) {
      if (!Object.hasOwn(schemas, target)) continue;
      if (state.get(target) === "visiting") breakAt(key, target);
      else if (!state.has(target)) visit(target);
    }
    state.set(key, "done");
  };
  for (const key of Object.keys(schemas)) if (!state.has(key)) visit(key);
}

/**
 * The property names an object schema declares, following `$ref`s and allOf;
 * for anyOf/oneOf only the names every member declares. `undefined` when the
 * schema is not an object whose keys are known (additional properties, no schema).
 */
function declaredKeys(doc, schema, seen = new Set()) {
  if (!isObject(schema)) return undefined;
  if (typeof schema.$ref === "string") {
    if (seen.has(schema.$ref)) return new Set();
    seen.add(schema.$ref);
    return declaredKeys(doc, resolveTokens(doc, refTokens(schema.$ref) ?? []), seen);
  }
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) return undefined;
  const keys = new Set(Object.keys(isObject(schema.properties) ? schema.properties : {}));
  for (const member of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const own = declaredKeys(doc, member, seen);
    if (own === undefined) return undefined;
    for (const k of own) keys.add(k);
  }
  for (const key of ["anyOf", "oneOf"]) {
    if (!Array.isArray(schema[key]) || schema[key].length === 0) continue;
    const each = schema[key].map((m) => declaredKeys(doc, m, new Set(seen)));
    if (each.some((k) => k === undefined)) return undefined;
    for (const k of each[0]) if (each.every((e) => e.has(k))) keys.add(k);
  }
  return keys;
}

/**
 * An allOf whose own `required` names a key none of its members (nor its own
 * properties) declares: orval writes `Required<Pick<Member, 'key'>>`, which does
 * not type-check. Such entries are dropped: the document requires a key it never describes.
 */
function fixAllOfRequired(doc, changes) {
  forEachSchema(doc, (schema, tokens) => {
    if (!Array.isArray(schema.allOf) || !Array.isArray(schema.required) || schema.required.length === 0) return;
    const keys = declaredKeys(doc, schema);
    if (keys === undefined) return;
    const unknown = schema.required.filter((k) => !keys.has(k));
    if (unknown.length === 0) return;
    schema.required = schema.required.filter((k) => keys.has(k));
    if (schema.required.length === 0) delete schema.required;
    record(
      changes,
      "allof-required",
      [...tokens, "required"],
      `required ${unknown.map((k) => JSON.stringify(k)).join(", ")} declared by no allOf member: dropped`,
    );
  });
}

/** Applies every fix in order; `changes` receives a record of each. */
export function applyFixes(doc, changes, { reserved = [] } = {}) {
  fixInfo(doc, changes);
  inlinePathItemRefs(doc, changes);
  hoistDeepRefs(doc, changes);
  fixPathParameters(doc, changes);
  fixParameterNames(doc, changes);
  fixTags(doc, changes);
  fixOperationIds(doc, changes, reserved);
  fixComponentKeys(doc, changes);
  fixSchemaNames(doc, changes);
  nameAnonymousSchemas(doc, changes);
  fixCyclicSchemaKeys(doc, changes);
  fixAliasCycles(doc, changes);
  fixAllOfRequired(doc, changes);
  fixFormBodies(doc, changes);
  fixTextResponses(doc, changes);
  fixEnums(doc, changes);
  fixDefaults(doc, changes);
  fixIndexSignatures(doc, changes);
}
