import type { Change } from "../../types.ts";
import { forEachSchema } from "../walk.ts";
import { type Doc, record, safeString, typeOf } from "./shared.ts";

/** Enums orval can write: no quotes or backslashes in values, values of the schema's type, no nulls. */
export function fixEnums(doc: Doc, changes: Change[]): void {
  forEachSchema(doc, (schema, tokens) => {
    if (schema.enum === undefined) return;
    const at = [...tokens, "enum"];
    const listed = schema.enum;
    if (!Array.isArray(listed) || listed.length === 0) {
      delete schema.enum;
      record(changes, "enum", at, "empty or malformed enum removed");
      return;
    }
    let values: unknown[] = listed;
    // Each rewrite below replaces the list: `values` follows it.
    const replace = (next: unknown[]) => {
      values = next;
      schema.enum = next;
    };
    if (values.includes(null)) {
      replace(values.filter((v) => v !== null));
      if (!Array.isArray(schema.type)) schema.nullable = true;
      record(changes, "enum", at, "null enum value expressed as nullable");
      if (values.length === 0) {
        delete schema.enum;
        return;
      }
    }
    const type = typeOf(schema);
    if (type === "string" && values.some((v) => typeof v !== "string")) {
      replace([...new Set(values.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))))]);
      record(changes, "enum", at, "non-string values of a string enum written as strings");
    }
    if ((type === "integer" || type === "number") && values.some((v) => typeof v !== "number")) {
      if (values.every((v) => typeof v === "number" || (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))))) {
        replace([...new Set(values.map(Number))]);
        record(changes, "enum", at, "numeric strings of a number enum written as numbers");
      } else {
        delete schema.enum;
        record(changes, "enum", at, "enum values that are not numbers: enum removed");
        return;
      }
    }
    if (type === undefined && values.every((v) => typeof v === "string")) {
      schema.type = "string";
      record(changes, "enum", [...tokens, "type"], 'string enum without a type: "type: string" added');
    }
    if (values.some((v) => typeof v === "string" && !safeString(v)) || values.some((v) => typeof v === "object")) {
      delete schema.enum;
      record(changes, "enum", at, "enum values with quotes, backslashes, line breaks or objects: enum removed (plain type kept)");
    }
  });
}
