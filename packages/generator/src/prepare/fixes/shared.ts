// What the fixes share: the names generated code takes for itself, how a change
// is recorded in the report, and orval's own naming (its type and function
// names are what the fixes keep apart).
import orvalCore from "@orval/core";
import { forEachRef, forEachSchema, isObject, pointer, refOf, refTokens } from "../walk.ts";

// @orval/core is CommonJS; Node 24 cannot see its named exports from ESM, so take them off the default export.
export const { camel, pascal, sanitize } = orvalCore;

export const JS_RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if " +
    "implements import in instanceof interface let new null package private protected public return static super switch this " +
    "throw true try typeof var void while with yield await arguments eval undefined NaN Infinity"
  ).split(" "),
);

export const record = (changes, fix, tokens, message) => changes.push({ fix, pointer: pointer(tokens), message });

/** The type name orval gives a component (`pet-status` → `PetStatus`). */
export const modelName = (key, suffix = "") =>
  sanitize(pascal(key) + suffix, { es5keyword: true, es5IdentifierName: true, underscore: true, dash: true });

export function uniqueName(base, taken) {
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}${n}`;
  taken.add(name.toLowerCase());
  return name;
}

export const pathParamNames = (route) => [...route.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);

/** Renames components of a section: `#/components/<section>/Old` → `New` everywhere, discriminator mappings included. */
export function renameComponents(doc, section, renames) {
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

export const typeOf = (schema) => (Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type);

/** A string orval can write between single quotes and in a comment. */
export const safeString = (v) => !/['\\\n\r\u2028\u2029]|\*\//.test(v);
