import type { Change } from "../../types.ts";
import { isObject, operations, refTokens, resolveTokens, type Token } from "../walk.ts";
import { type Doc, record, sectionOf, typeOf } from "./shared.ts";

/**
 * A text response described by an object or array schema is JSON sent with the
 * wrong media type: declared as application/json, its type and the parsed value agree.
 */
export function fixTextResponses(doc: Doc, changes: Change[]): void {
  const visit = (response: unknown, tokens: Token[]) => {
    if (!isObject(response) || !isObject(response.content)) return;
    const content = response.content;
    for (const media of Object.keys(content)) {
      if (!/^text\/(plain|html)/.test(media)) continue;
      const declared = content[media];
      let schema = isObject(declared) ? declared.schema : undefined;
      for (let i = 0; i < 20 && isObject(schema) && typeof schema.$ref === "string"; i++)
        schema = resolveTokens(doc, refTokens(schema.$ref) ?? []);
      const structured =
        isObject(schema) && (["object", "array"].includes(String(typeOf(schema))) || isObject(schema.properties) || isObject(schema.items));
      if (!structured) continue;
      const entry = content[media];
      delete content[media];
      content["application/json"] ??= entry;
      record(
        changes,
        "text-response",
        [...tokens, "content", media],
        `${media} response with an object or array schema declared as application/json`,
      );
    }
  };
  for (const { op, tokens } of operations(doc)) {
    for (const [status, response] of Object.entries(isObject(op.responses) ? op.responses : {}))
      visit(response, [...tokens, "responses", status]);
  }
  for (const [name, response] of Object.entries(sectionOf(doc, "responses") ?? {})) {
    visit(response, ["components", "responses", name]);
  }
}
