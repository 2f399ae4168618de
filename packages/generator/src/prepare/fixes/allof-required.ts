import type { Change } from "../../types.ts";
import { forEachSchema, isObject, refTokens, resolveTokens } from "../walk.ts";
import { type Doc, record } from "./shared.ts";

/**
 * The property names an object schema declares, following `$ref`s and allOf;
 * for anyOf/oneOf only the names every member declares. `undefined` when the
 * schema is not an object whose keys are known (additional properties, no schema).
 */
function declaredKeys(doc: Doc, schema: unknown, seen = new Set<string>()): Set<string> | undefined {
  if (!isObject(schema)) return undefined;
  if (typeof schema.$ref === "string") {
    if (seen.has(schema.$ref)) return new Set();
    seen.add(schema.$ref);
    return declaredKeys(doc, resolveTokens(doc, refTokens(schema.$ref) ?? []), seen);
  }
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) return undefined;
  const keys = new Set<string>(Object.keys(isObject(schema.properties) ? schema.properties : {}));
  for (const member of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const own = declaredKeys(doc, member, seen);
    if (own === undefined) return undefined;
    for (const k of own) keys.add(k);
  }
  for (const key of ["anyOf", "oneOf"]) {
    const members = schema[key];
    if (!Array.isArray(members) || members.length === 0) continue;
    const each = members.map((m) => declaredKeys(doc, m, new Set(seen)));
    if (!each.every((k): k is Set<string> => k !== undefined)) return undefined;
    for (const k of each[0] ?? []) if (each.every((e) => e.has(k))) keys.add(k);
  }
  return keys;
}

/**
 * An allOf whose own `required` names a key none of its members (nor its own
 * properties) declares: orval writes `Required<Pick<Member, 'key'>>`, which does
 * not type-check. Such entries are dropped: the document requires a key it never describes.
 */
export function fixAllOfRequired(doc: Doc, changes: Change[]): void {
  forEachSchema(doc, (schema, tokens) => {
    const required = schema.required;
    if (!Array.isArray(schema.allOf) || !Array.isArray(required) || required.length === 0) return;
    const keys = declaredKeys(doc, schema);
    if (keys === undefined) return;
    const unknown = required.filter((k) => !keys.has(k));
    if (unknown.length === 0) return;
    const kept = required.filter((k) => keys.has(k));
    schema.required = kept;
    if (kept.length === 0) delete schema.required;
    record(
      changes,
      "allof-required",
      [...tokens, "required"],
      `required ${unknown.map((k) => JSON.stringify(k)).join(", ")} declared by no allOf member: dropped`,
    );
  });
}
