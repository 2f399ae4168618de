import type { Change } from "../../types.ts";
import { forEachSchema, isObject } from "../walk.ts";
import { type Doc, record } from "./shared.ts";

/**
 * Objects with named properties and typed additional properties: TypeScript
 * requires every named property (optional ones included, so `| undefined`) to
 * fit the index signature, which real schemas rarely do. The additional
 * properties become `unknown`; the named ones keep their types.
 */
export function fixIndexSignatures(doc: Doc, changes: Change[]): void {
  forEachSchema(doc, (schema, tokens) => {
    const extra = schema.additionalProperties;
    if (!isObject(schema.properties) || Object.keys(schema.properties).length === 0) return;
    if (!isObject(extra) || Object.keys(extra).length === 0) return;
    schema.additionalProperties = true;
    record(
      changes,
      "additional-properties",
      [...tokens, "additionalProperties"],
      "typed additional properties beside named ones: made any value",
    );
  });
}
