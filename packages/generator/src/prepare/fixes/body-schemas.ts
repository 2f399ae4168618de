import type { Change, JsonObject } from "../../types.ts";
import { isObject, operations, type Token } from "../walk.ts";
import { type Doc, record, sectionOf } from "./shared.ts";

/** Form media types: fixes/form-bodies.ts gives those an object schema of their own. */
const FORM_TYPES = ["multipart/form-data", "application/x-www-form-urlencoded"];

/** The schema a body of `mediaType` has when the document gives none: text, any JSON value, or bytes. */
function schemaFor(mediaType: string): JsonObject {
  const type = (mediaType.split(";")[0] ?? "").trim().toLowerCase();
  if (type.startsWith("text/")) return { type: "string" };
  if (type === "application/json" || type.endsWith("+json") || type === "*/*") return {};
  return { type: "string", format: "binary" };
}

/**
 * A request body whose media type has no schema (only an example, say) makes
 * orval leave the body out of the function: the request could never carry
 * it. Such a body gets the schema its media type implies (a string for text,
 * any value for JSON, bytes otherwise), so the function takes it.
 */
export function fixBodySchemas(doc: Doc, changes: Change[]): void {
  const visitContent = (content: unknown, tokens: Token[]) => {
    if (!isObject(content)) return;
    for (const [media, entry] of Object.entries(content)) {
      if (FORM_TYPES.includes((media.split(";")[0] ?? "").trim().toLowerCase())) continue;
      if (!isObject(entry) || entry.schema !== undefined) continue;
      const schema = schemaFor(media);
      entry.schema = schema;
      const said = schema.type === undefined ? "any JSON value" : schema.format === "binary" ? "bytes" : "a string";
      record(changes, "body-schema", [...tokens, media], `a ${media} body without a schema: ${said}`);
    }
  };
  for (const { op, tokens } of operations(doc)) {
    if (isObject(op.requestBody) && !op.requestBody.$ref) visitContent(op.requestBody.content, [...tokens, "requestBody", "content"]);
  }
  for (const [name, body] of Object.entries(sectionOf(doc, "requestBodies") ?? {})) {
    if (isObject(body)) visitContent(body.content, ["components", "requestBodies", name, "content"]);
  }
}
