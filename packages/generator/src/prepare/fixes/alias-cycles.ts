import { isObject, refTokens } from "../walk.ts";
import { record } from "./shared.ts";

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
export function fixAliasCycles(doc, changes) {
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
