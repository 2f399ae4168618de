import type { Change, JsonObject } from "../../types.ts";
import { forEachRef, isObject, refTokens } from "../walk.ts";
import { type Doc, modelName, record, renameComponents, sectionOf, uniqueName } from "./shared.ts";

/** Schema components that take part in a reference cycle (a schema reaching itself). */
export function cyclicSchemas(doc: JsonObject): Set<string> {
  const schemas = sectionOf(doc, "schemas") ?? {};
  const edges = new Map<string, Set<string>>();
  for (const [key, schema] of Object.entries(schemas)) {
    const targets = new Set<string>();
    forEachRef({ schema }, (node) => {
      const t = refTokens(node.$ref);
      if (t && t[0] === "components" && t[1] === "schemas" && t.length === 3) targets.add(t[2] as string);
    });
    edges.set(key, targets);
  }
  // Tarjan's strongly connected components: a component of two or more, or a self-reference, is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cyclic = new Set<string>();
  const lowOf = (v: string) => low.get(v) ?? 0;
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(lowOf(v), lowOf(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(lowOf(v), index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const members: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
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
export function fixCyclicSchemaKeys(doc: Doc, changes: Change[]): void {
  const schemas = sectionOf(doc, "schemas");
  if (!isObject(schemas)) return;
  const taken = new Set(Object.keys(schemas).map((k) => k.toLowerCase()));
  const renames = new Map<string, string>();
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
