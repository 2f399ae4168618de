// What each operation answers: text (kept as text), JSON (checked to be JSON) or
// anything else. The endpoint rewrite (endpoints.ts) writes it into each request.
import { isObject, operations, resolveRef } from "../prepare/walk.ts";
import type { JsonObject, PreparedDocument } from "../types.ts";

/** The schema a `$ref` points to (in the prepared document every reference is local), followed a few levels. */
function resolveSchema(doc: PreparedDocument, schema: unknown): unknown {
  for (let i = 0; i < 20 && isObject(schema) && typeof schema.$ref === "string" && schema.$ref.startsWith("#/"); i++) {
    schema = resolveRef(doc, schema.$ref);
  }
  return schema;
}

/** The content map of an operation's first 2xx response (empty when it has none). */
function successContent(op: JsonObject): JsonObject {
  const responses = isObject(op.responses) ? op.responses : {};
  const success = Object.entries(responses).find(([status]) => /^2\d\d$/.test(status))?.[1];
  return isObject(success) && isObject(success.content) ? success.content : {};
}

/** The operations with an id and responses, as the finishing steps name them. */
function namedOperations(doc: PreparedDocument): { id: string; op: JsonObject }[] {
  return operations(doc)
    .filter(({ op }) => typeof op.operationId === "string" && op.operationId !== "" && op.responses)
    .map(({ op }) => ({ id: op.operationId as string, op }));
}

/**
 * Operations whose success response is text rather than JSON or bytes. A text
 * type whose schema is `format: binary` is bytes: orval asks for a Blob itself
 * (`responseType: 'blob'`), so it is no text answer.
 */
export function textResponseOperations(doc: PreparedDocument): Set<string> {
  const names = new Set<string>();
  for (const { id, op } of namedOperations(doc)) {
    const content = successContent(op);
    const types = Object.keys(content);
    const isText = (t: string) => {
      if (!/^text\/|ndjson|tab-separated|csv/.test(t)) return false;
      const media = content[t];
      const schema = resolveSchema(doc, isObject(media) ? media.schema : undefined);
      return !(isObject(schema) && schema.format === "binary");
    };
    if (types.length > 0 && types.every(isText)) names.add(id);
  }
  return names;
}

/** Operations whose success response declares JSON, and JSON only. */
export function jsonResponseOperations(doc: PreparedDocument): Set<string> {
  const names = new Set<string>();
  for (const { id, op } of namedOperations(doc)) {
    const types = Object.keys(successContent(op));
    if (types.length > 0 && types.every((t) => /^application\/(.+\+)?json(;|$)/.test(t))) names.add(id);
  }
  return names;
}
