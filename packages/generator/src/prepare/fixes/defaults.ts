import type { Change } from "../../types.ts";
import { forEachSchema, isObject } from "../walk.ts";
import { type Doc, record, safeString, typeOf } from "./shared.ts";

/** A default that matches its schema's type, or none. */
export function fixDefaults(doc: Doc, changes: Change[]): void {
  forEachSchema(doc, (schema, tokens) => {
    if (!Object.hasOwn(schema, "default")) return;
    const value = schema.default;
    const type = typeOf(schema);
    const at = [...tokens, "default"];
    let next = value;
    if (value === null) next = schema.nullable || (Array.isArray(schema.type) && schema.type.includes("null")) ? null : undefined;
    else if (type === "integer" || type === "number") {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      next = typeof n === "number" && Number.isFinite(n) && (type === "number" || Number.isInteger(n)) ? n : undefined;
    } else if (type === "boolean")
      next = value === "true" ? true : value === "false" ? false : typeof value === "boolean" ? value : undefined;
    else if (type === "string")
      next = typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
    else if (type === "array") next = Array.isArray(value) ? value : undefined;
    else if (type === "object") next = isObject(value) ? value : undefined;
    if (next !== undefined && Array.isArray(schema.enum) && !schema.enum.includes(next)) next = undefined;
    if (typeof next === "string" && !safeString(next)) next = undefined;
    if (next === value) return;
    if (next === undefined) {
      delete schema.default;
      record(changes, "default", at, `default ${JSON.stringify(value)} does not fit the schema: removed`);
    } else {
      schema.default = next;
      record(changes, "default", at, `default ${JSON.stringify(value)} written as ${JSON.stringify(next)}`);
    }
  });
}
