import type { Change } from "../../types.ts";
import { isObject, refTokens } from "../walk.ts";
import { type Doc, record, sectionOf } from "./shared.ts";

/** The schema components a schema is an alias of: its `$ref`, or those of its allOf/anyOf/oneOf members, not nested deeper. */
function aliasTargets(schema: unknown): string[] {
  const targets: string[] = [];
  const visit = (node: unknown): void => {
    if (!isObject(node)) return;
    const t = typeof node.$ref === "string" ? refTokens(node.$ref) : undefined;
    if (t && t[0] === "components" && t[1] === "schemas" && t.length === 3) targets.push(t[2] as string);
    for (const key of ["allOf", "anyOf", "oneOf"]) {
      const members = node[key];
      if (Array.isArray(members)) members.forEach(visit);
    }
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
export function fixAliasCycles(doc: Doc, changes: Change[]): void {
  const schemas = sectionOf(doc, "schemas");
  if (!isObject(schemas)) return;
  const state = new Map<string, "visiting" | "done">();
  const breakAt = (key: string, target: string) => {
    const strip = (node: unknown): unknown => {
      if (!isObject(node)) return node;
      const t = typeof node.$ref === "string" ? refTokens(node.$ref) : undefined;
      if (t && t[1] === "schemas" && t[2] === target && t.length === 3) {
        const { $ref: _, ...rest } = node;
        return rest;
      }
      for (const k of ["allOf", "anyOf", "oneOf"]) {
        const members = node[k];
        if (Array.isArray(members)) node[k] = members.map(strip);
      }
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
  const visit = (key: string): void => {
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
