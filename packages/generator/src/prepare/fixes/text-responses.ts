import { isObject, operations, refTokens, resolveTokens } from "../walk.ts";
import { record, typeOf } from "./shared.ts";

/**
 * A text response described by an object or array schema is JSON sent with the
 * wrong media type: declared as application/json, its type and the parsed value agree.
 */
export function fixTextResponses(doc, changes) {
  const visit = (response, tokens) => {
    if (!isObject(response?.content)) return;
    for (const media of Object.keys(response.content)) {
      if (!/^text\/(plain|html)/.test(media)) continue;
      let schema = response.content[media]?.schema;
      for (let i = 0; i < 20 && isObject(schema) && typeof schema.$ref === "string"; i++)
        schema = resolveTokens(doc, refTokens(schema.$ref) ?? []);
      const structured =
        isObject(schema) && (["object", "array"].includes(typeOf(schema)) || isObject(schema.properties) || isObject(schema.items));
      if (!structured) continue;
      const entry = response.content[media];
      delete response.content[media];
      response.content["application/json"] ??= entry;
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
  for (const [name, response] of Object.entries(isObject(doc.components?.responses) ? doc.components.responses : {})) {
    visit(response, ["components", "responses", name]);
  }
}
