// @sciclients/core/validation: checks response bodies against the JSON
// schemas of an OpenAPI 3.0 document with Ajv. Each operation's schema for a
// status is compiled the first time that answer is checked. Only clients
// created with `validateResponses` and these validators load it.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import type { ResponseIssue, ResponseValidators } from "./validation-types.js";

export type { ResponseIssue, ResponseShapeWarning, ResponseValidationOptions, ResponseValidators } from "./validation-types.js";

type Json = Record<string, unknown>;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const DOCUMENT_ID = "openapi";

/** Validators for every operation of `document` (an OpenAPI 3.0 document whose operations have operationIds). */
export function responseValidators(document: object): ResponseValidators {
  let prepared: { ajv: Ajv; locations: Map<string, string> } | undefined;
  const compiled = new Map<string, ValidateFunction | undefined>();
  const validatorOf = (operation: string, status: number): ValidateFunction | undefined => {
    prepared ??= prepare(document);
    const base = prepared.locations.get(operation);
    if (base === undefined) return undefined;
    const pointer = responsePointer(document as Json, base, status);
    const key = pointer ?? `${operation} ${status}`;
    if (!compiled.has(key))
      compiled.set(
        key,
        pointer ? prepared.ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer.split("/").map(encodeURIComponent).join("/")}` }) : undefined,
      );
    return compiled.get(key);
  };
  return {
    check(operation, status, body) {
      const validate = validatorOf(operation, status);
      if (!validate || validate(body)) return [];
      // "if" only says that the "else" of a nullable schema failed: its own errors say how.
      return (validate.errors ?? []).filter((error) => error.keyword !== "if").map((error) => issueOf(error, body));
    },
  };
}

function prepare(document: object): { ajv: Ajv; locations: Map<string, string> } {
  // strict: false lets OpenAPI's own keywords (example, discriminator, xml, ...)
  // through; the formats our specs use are declared so none is unknown.
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, logger: false });
  for (const name of ["int32", "int64", "float", "double", "byte", "binary", "password", "date", "date-time", "uri", "email"]) {
    ajv.addFormat(name, true);
  }
  ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addSchema(toJsonSchema(document) as Json, DOCUMENT_ID);
  const locations = new Map<string, string>();
  const paths = ((document as Json).paths ?? {}) as Record<string, Json>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const id = (item[method] as Json | undefined)?.operationId;
      if (typeof id === "string") locations.set(id, `/paths/${escapePointer(path)}/${method}`);
    }
  }
  return { ajv, locations };
}

/** The JSON pointer of the JSON schema `operation` declares for `status` (its own, its class's like 2XX, or the default). */
function responsePointer(document: Json, operation: string, status: number): string | undefined {
  const responses = (at(document, operation) as Json | undefined)?.responses as Json | undefined;
  if (!responses) return undefined;
  const key = [String(status), `${Math.floor(status / 100)}XX`, `${Math.floor(status / 100)}xx`, "default"].find((k) => k in responses);
  if (key === undefined) return undefined;
  let pointer = `${operation}/responses/${escapePointer(key)}`;
  let response = responses[key] as Json;
  for (let hops = 0; typeof response?.$ref === "string" && hops < 10; hops++) {
    pointer = (response.$ref as string).slice(1);
    response = at(document, pointer) as Json;
  }
  const content = (response?.content ?? {}) as Record<string, Json>;
  const type = "application/json" in content ? "application/json" : Object.keys(content).find((t) => /[/+]json\b/i.test(t));
  if (type === undefined || !content[type]?.schema) return undefined;
  return `${pointer}/content/${escapePointer(type)}/schema`;
}

/**
 * OpenAPI 3.0 schemas as JSON Schema: `nullable: true` allows null, and
 * boolean exclusiveMinimum/exclusiveMaximum (draft 4) become numbers.
 */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (typeof value !== "object" || value === null) return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) out[key] = toJsonSchema(child);
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (out[flag] === true && typeof out[bound] === "number") {
      out[flag] = out[bound];
      delete out[bound];
    } else if (out[flag] === false) delete out[flag];
  }
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    return out;
  }
  // A nullable $ref, allOf, oneOf...: null, or else that. (if/else rather than
  // anyOf, so that a wrong value is reported by what it fails, not as "not null".)
  return { if: { type: "null" }, else: out };
}

function issueOf(error: ErrorObject, body: unknown): ResponseIssue {
  const segments = error.instancePath.split("/").slice(1).map(unescapePointer);
  let path = "$";
  let value: unknown = body;
  for (const segment of segments) {
    path += Array.isArray(value) ? `[${segment}]` : /^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
    value = (value as Record<string, unknown> | undefined)?.[segment];
  }
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return { path, expected: `required property ${JSON.stringify(params.missingProperty)}`, received: "nothing" };
    case "additionalProperties":
      return {
        path,
        expected: `no property ${JSON.stringify(params.additionalProperty)}`,
        received: describe((value as Json)?.[params.additionalProperty as string]),
      };
    case "type":
      return { path, expected: `type ${Array.isArray(params.type) ? params.type.join(" or ") : params.type}`, received: describe(value) };
    case "enum":
      return { path, expected: `one of ${JSON.stringify(params.allowedValues)}`, received: describe(value) };
    default:
      return { path, expected: `a value that ${error.message ?? `passes ${error.keyword}`}`, received: describe(value) };
  }
}

/** The type and a short rendering of a received value. */
function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  const type = Array.isArray(value) ? "array" : typeof value;
  const text = JSON.stringify(value) ?? String(value);
  return `${type} ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`;
}

function at(document: unknown, pointer: string): unknown {
  let value = document;
  for (const segment of pointer.split("/").slice(1)) value = (value as Json | undefined)?.[unescapePointer(segment)];
  return value;
}

const escapePointer = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");
const unescapePointer = (segment: string) => segment.replace(/~1/g, "/").replace(/~0/g, "~");
