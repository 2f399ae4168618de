// orval's faker mocks inline every schema a response refers to, again at every
// place it is referred to; it stops only at a reference already on the way down
// (a cycle). Schemas that refer to each other widely (presalytics.io's OOXML API:
// a chart holds shapes that hold text frames that hold …) make that expansion
// grow beyond any string Node can hold, and orval fails with "RangeError: Invalid
// string length" before writing anything. Such operations get a minimal mock
// (prepare/mocks.ts) up front, decided from the document alone.
import type { JsonObject } from "../types.ts";
import { isObject, operations, pointer, resolveRef } from "./walk.ts";

/**
 * How many schema nodes a faker mock may inline before its operation gets a
 * minimal one. The largest of our five specs inlines 114, GitHub's REST API
 * 4,206; the OOXML API's more than five million. A node becomes some 50
 * characters of mock code, so the limit keeps one mock under a few megabytes.
 */
export const MOCK_NODE_LIMIT = 50_000;

export interface OversizedMock {
  operationId: string;
  /** JSON pointer of the operation, for the report. */
  pointer: string;
}

/**
 * The operations whose success responses (2xx, or `default` when there is no
 * 2xx) would make orval's faker mock inline more than `limit` schema nodes.
 * Counting stops at the limit, so a runaway expansion costs no more than that.
 */
export function oversizedMocks(doc: JsonObject, limit = MOCK_NODE_LIMIT): OversizedMock[] {
  const found: OversizedMock[] = [];
  for (const { op, tokens } of operations(doc)) {
    if (typeof op.operationId !== "string") continue;
    const counter = { nodes: 0, limit };
    for (const schema of successSchemas(doc, op)) {
      if (!countNodes(doc, schema, [], counter)) break;
    }
    if (counter.nodes > limit) found.push({ operationId: op.operationId, pointer: pointer(tokens) });
  }
  return found;
}

function successSchemas(doc: JsonObject, op: JsonObject): unknown[] {
  const responses = isObject(op.responses) ? op.responses : {};
  const codes = Object.keys(responses).filter((code) => /^2(\d\d|XX)$/i.test(code));
  const chosen = codes.length > 0 ? codes : Object.hasOwn(responses, "default") ? ["default"] : [];
  return chosen.flatMap((code) => {
    const response = follow(doc, responses[code]);
    const content = isObject(response) && isObject(response.content) ? response.content : {};
    return Object.values(content).flatMap((media) => (isObject(media) && media.schema !== undefined ? [media.schema] : []));
  });
}

const follow = (doc: JsonObject, node: unknown): unknown =>
  isObject(node) && typeof node.$ref === "string" ? resolveRef(doc, node.$ref) : node;

const MEMBER_LISTS = ["allOf", "oneOf", "anyOf"];

/**
 * Counts the nodes of `schema` as orval expands it, references followed unless
 * already on `path`. Returns false once the count passes the limit.
 */
function countNodes(doc: JsonObject, schema: unknown, path: readonly string[], counter: { nodes: number; limit: number }): boolean {
  if (++counter.nodes > counter.limit) return false;
  if (!isObject(schema)) return true;
  if (typeof schema.$ref === "string") {
    if (path.includes(schema.$ref)) return true;
    return countNodes(doc, resolveRef(doc, schema.$ref), [...path, schema.$ref], counter);
  }
  const children: unknown[] = [];
  for (const key of MEMBER_LISTS) if (Array.isArray(schema[key])) children.push(...(schema[key] as unknown[]));
  if (isObject(schema.properties)) children.push(...Object.values(schema.properties));
  if (isObject(schema.additionalProperties)) children.push(schema.additionalProperties);
  if (schema.items !== undefined) children.push(schema.items);
  return children.every((child) => countNodes(doc, child, path, counter));
}
