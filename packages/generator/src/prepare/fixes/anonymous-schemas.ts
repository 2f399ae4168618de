import type { Change, JsonObject } from "../../types.ts";
import { isObject, refOf } from "../walk.ts";
import { type Doc, modelName, pascal, record, sectionOf, uniqueName } from "./shared.ts";

/** Whether orval writes a named type of its own for an inline schema (enums and objects with properties). */
const namesItself = (schema: unknown): schema is JsonObject =>
  isObject(schema) &&
  schema.$ref === undefined &&
  (Array.isArray(schema.enum) || isObject(schema.properties) || Array.isArray(schema.allOf));

/**
 * Anonymous schemas: orval names an inline enum or object after its place
 * (property `status` of `Pet` → `PetStatus`); when a component already has that
 * name, the inline schema becomes a component of its own under a free name.
 */
export function nameAnonymousSchemas(doc: Doc, changes: Change[]): void {
  const schemas = sectionOf(doc, "schemas");
  if (!isObject(schemas)) return;
  const taken = new Set(Object.keys(schemas).map((k) => modelName(k).toLowerCase()));
  for (const key of Object.keys(schemas)) {
    const owner = schemas[key];
    if (!isObject(owner) || !isObject(owner.properties)) continue;
    const properties = owner.properties;
    for (const [prop, value] of Object.entries(properties)) {
      const candidates: [unknown, string[], string][] = [
        [value, [prop], modelName(key) + pascal(prop)],
        [isObject(value) ? value.items : undefined, [prop, "items"], `${modelName(key) + pascal(prop)}Item`],
      ];
      for (const [inline, where, derived] of candidates) {
        if (!namesItself(inline) || !taken.has(derived.toLowerCase())) continue;
        const name = uniqueName(derived, taken);
        schemas[name] = inline;
        const ref = { $ref: refOf(["components", "schemas", name]) };
        if (where.length === 1) properties[prop] = ref;
        else (properties[prop] as JsonObject).items = ref;
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
