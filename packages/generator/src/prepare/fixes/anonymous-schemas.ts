import { isObject, refOf } from "../walk.ts";
import { modelName, pascal, record, uniqueName } from "./shared.ts";

/** Whether orval writes a named type of its own for an inline schema (enums and objects with properties). */
const namesItself = (schema) =>
  isObject(schema) &&
  schema.$ref === undefined &&
  (Array.isArray(schema.enum) || isObject(schema.properties) || Array.isArray(schema.allOf));

/**
 * Anonymous schemas: orval names an inline enum or object after its place
 * (property `status` of `Pet` → `PetStatus`); when a component already has that
 * name, the inline schema becomes a component of its own under a free name.
 */
export function nameAnonymousSchemas(doc, changes) {
  const schemas = doc.components?.schemas;
  if (!isObject(schemas)) return;
  const taken = new Set(Object.keys(schemas).map((k) => modelName(k).toLowerCase()));
  for (const key of Object.keys(schemas)) {
    const owner = schemas[key];
    if (!isObject(owner?.properties)) continue;
    for (const [prop, value] of Object.entries(owner.properties)) {
      const candidates = [
        [value, [prop], modelName(key) + pascal(prop)],
        [value?.items, [prop, "items"], `${modelName(key) + pascal(prop)}Item`],
      ];
      for (const [inline, where, derived] of candidates) {
        if (!namesItself(inline) || !taken.has(derived.toLowerCase())) continue;
        const name = uniqueName(derived, taken);
        schemas[name] = inline;
        const ref = { $ref: refOf(["components", "schemas", name]) };
        if (where.length === 1) owner.properties[prop] = ref;
        else owner.properties[prop].items = ref;
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
