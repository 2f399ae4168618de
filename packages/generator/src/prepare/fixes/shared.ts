// What the fixes share: the names generated code takes for itself, how a change
// is recorded in the report, and orval's own naming (its type and function
// names are what the fixes keep apart).
import { orvalCore } from "../../generate/orval-tools.ts";
import type { Change, JsonObject } from "../../types.ts";
import { forEachRef, forEachSchema, isObject, pointer, refOf, refTokens, type Token } from "../walk.ts";

export const { camel, pascal, sanitize } = orvalCore();

/** A document as the fixes see it: checked by read/document.ts to have a paths object. */
export type Doc = JsonObject & { paths: JsonObject };

/** The section `name` of the document's components (`schemas`, `responses`…), when it is an object. */
export function sectionOf(doc: JsonObject, name: string): JsonObject | undefined {
  const section = isObject(doc.components) ? doc.components[name] : undefined;
  return isObject(section) ? section : undefined;
}

/** A list of the document (parameters, tags): read/document.ts checked the parameter lists; anything else is an empty list. */
export const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The components object of `doc`, made when it has none. */
export function componentsOf(doc: JsonObject): JsonObject {
  if (!isObject(doc.components)) doc.components = {};
  return doc.components as JsonObject;
}

/** The object under `key` of `parent`, made when there is none. */
export function objectAt(parent: JsonObject, key: string): JsonObject {
  if (!isObject(parent[key])) parent[key] = {};
  return parent[key] as JsonObject;
}

export const JS_RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if " +
    "implements import in instanceof interface let new null package private protected public return static super switch this " +
    "throw true try typeof var void while with yield await arguments eval undefined NaN Infinity"
  ).split(" "),
);

/** Records a change in the report: which fix, where, and what it did. */
export const record = (changes: Change[], fix: string, tokens: readonly Token[], message: string) =>
  changes.push({ fix, pointer: pointer(tokens), message });

/** The type name orval gives a component (`pet-status` → `PetStatus`). */
export const modelName = (key: string, suffix = ""): string =>
  sanitize(pascal(key) + suffix, { es5keyword: true, es5IdentifierName: true, underscore: true, dash: true });

/** `base`, or `base2`, `base3`… : the first not in `taken` (lower case), which then holds it. */
export function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** The parameter names of a path template: `/pets/{petId}` → `["petId"]`. */
export const pathParamNames = (route: string): string[] => [...route.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? "");

/** Renames components of a section: `#/components/<section>/Old` → `New` everywhere, discriminator mappings included. */
export function renameComponents(doc: JsonObject, section: string, renames: Map<string, string>): void {
  const components = componentsOf(doc);
  const entries = objectAt(components, section);
  components[section] = Object.fromEntries(Object.entries(entries).map(([k, v]) => [renames.get(k) ?? k, v]));
  forEachRef(doc, (node) => {
    const t = refTokens(node.$ref);
    const next = t && t[0] === "components" && t[1] === section ? renames.get(t[2] ?? "") : undefined;
    if (t && next !== undefined) node.$ref = refOf(["components", section, next, ...t.slice(3)]);
  });
  if (section !== "schemas") return;
  forEachSchema(doc, (schema) => {
    const mapping = isObject(schema.discriminator) ? schema.discriminator.mapping : undefined;
    if (!isObject(mapping)) return;
    for (const [value, target] of Object.entries(mapping)) {
      const t = refTokens(target);
      const renamed = t && t[1] === "schemas" ? renames.get(t[2] ?? "") : undefined;
      if (renamed !== undefined) mapping[value] = refOf(["components", "schemas", renamed]);
      else if (!t && typeof target === "string" && renames.has(target)) mapping[value] = renames.get(target);
    }
  });
}

/** A schema's type: the one it names, or the first of its list that is not "null". */
export const typeOf = (schema: JsonObject): unknown => (Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type);

/** A string orval can write between single quotes and in a comment. */
export const safeString = (v: string): boolean => !/['\\\n\r\u2028\u2029]|\*\//.test(v);
