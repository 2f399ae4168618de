import { forEachSchema } from "../walk.ts";
import { record, safeString, typeOf } from "./shared.ts";

/** Enums orval can write: no quotes or backslashes in values, values of the schema's type, no nulls. */
export function fixEnums(doc, changes) {
  forEachSchema(doc, (schema, tokens) => {
    if (schema.enum === undefined) return;
    const at = [...tokens, "enum"];
    if (!Array.isArray(schema.enum) || schema.enum.length === 0) {
      delete schema.enum;
      record(changes, "enum", at, "empty or malformed enum removed");
      return;
    }
    if (schema.enum.includes(null)) {
      schema.enum = schema.enum.filter((v) => v !== null);
      if (!Array.isArray(schema.type)) schema.nullable = true;
      record(changes, "enum", at, "null enum value expressed as nullable");
      if (schema.enum.length === 0) {
        delete schema.enum;
        return;
      }
    }
    const type = typeOf(schema);
    if (type === "string" && schema.enum.some((v) => typeof v !== "string")) {
      schema.enum = [...new Set(schema.enum.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))))];
      record(changes, "enum", at, "non-string values of a string enum written as strings");
    }
    if ((type === "integer" || type === "number") && schema.enum.some((v) => typeof v !== "number")) {
      if (schema.enum.every((v) => typeof v === "number" || (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))))) {
        schema.enum = [...new Set(schema.enum.map(Number))];
        record(changes, "enum", at, "numeric strings of a number enum written as numbers");
      } else {
        delete schema.enum;
        record(changes, "enum", at, "enum values that are not numbers: enum removed");
        return;
      }
    }
    if (type === undefined && schema.enum.every((v) => typeof v === "string")) {
      schema.type = "string";
      record(changes, "enum", [...tokens, "type"], 'string enum without a type: "type: string" added');
    }
    if (schema.enum.some((v) => typeof v === "string" && !safeString(v)) || schema.enum.some((v) => typeof v === "object")) {
      delete schema.enum;
      record(changes, "enum", at, "enum values with quotes, backslashes, line breaks or objects: enum removed (plain type kept)");
    }
  });
}
