import type { Change } from "../../types.ts";
import { isObject, operations, refTokens, resolveTokens, type Token } from "../walk.ts";
import { type Doc, record, sectionOf } from "./shared.ts";

const FORM_TYPES = ["multipart/form-data", "application/x-www-form-urlencoded"];

/** Form and multipart bodies are objects (orval's encoders take objects). */
export function fixFormBodies(doc: Doc, changes: Change[]): void {
  const visitContent = (content: unknown, tokens: Token[]) => {
    if (!isObject(content)) return;
    for (const media of Object.keys(content)) {
      if (!FORM_TYPES.includes((media.split(";")[0] ?? "").trim())) continue;
      const entry = content[media];
      const at = [...tokens, media, "schema"];
      let schema = isObject(entry) ? entry.schema : undefined;
      let schemaAt: Token[] = at;
      while (isObject(schema) && typeof schema.$ref === "string") {
        schemaAt = refTokens(schema.$ref) ?? at;
        schema = resolveTokens(doc, schemaAt);
      }
      if (!isObject(entry)) continue;
      if (!isObject(schema)) {
        entry.schema = { type: "object", additionalProperties: true };
        record(changes, "form-body", at, "no schema: any object");
      } else if (schema.type === undefined && (isObject(schema.properties) || Array.isArray(schema.allOf))) {
        schema.type = "object";
        record(changes, "form-body", schemaAt, 'form fields without "type: object": type added');
      } else if (schema.type !== "object" && schema.type !== undefined) {
        const field = schema.format === "binary" || schema.type === "file" ? "file" : "value";
        entry.schema = { type: "object", properties: { [field]: entry.schema }, required: [field] };
        record(changes, "form-body", at, `a ${schema.type} body sent as form field "${field}"`);
      } else if (schema.type === undefined && !Array.isArray(schema.oneOf) && !Array.isArray(schema.anyOf)) {
        schema.type = "object";
        record(changes, "form-body", schemaAt, 'form body without "type": object');
      }
    }
  };
  for (const { op, tokens } of operations(doc)) {
    if (isObject(op.requestBody) && !op.requestBody.$ref) visitContent(op.requestBody.content, [...tokens, "requestBody", "content"]);
  }
  for (const [name, body] of Object.entries(sectionOf(doc, "requestBodies") ?? {})) {
    if (isObject(body)) visitContent(body.content, ["components", "requestBodies", name, "content"]);
  }
}
