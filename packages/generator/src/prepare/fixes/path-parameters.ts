import type { Change, JsonObject } from "../../types.ts";
import { isObject, METHODS, refTokens, resolveTokens, type Token } from "../walk.ts";
import { type Doc, listOf, pathParamNames, record } from "./shared.ts";

/** Path parameters match the template: declared once each, required, none extra. */
export function fixPathParameters(doc: Doc, changes: Change[]): void {
  const resolve = (p: unknown): JsonObject | undefined => {
    const resolved = isObject(p) && typeof p.$ref === "string" ? resolveTokens(doc, refTokens(p.$ref) ?? []) : p;
    return isObject(resolved) ? resolved : undefined;
  };
  for (const [route, item] of Object.entries(doc.paths)) {
    if (!isObject(item)) continue;
    const names = pathParamNames(route);
    const inPath = (p: unknown) => {
      const param = resolve(p);
      return param?.in !== "path" || (typeof param.name === "string" && names.includes(param.name));
    };
    if (Array.isArray(item.parameters)) {
      const before = item.parameters.length;
      const kept = item.parameters.filter(inPath);
      item.parameters = kept;
      if (kept.length !== before)
        record(changes, "path-parameter", ["paths", route, "parameters"], "path parameters not in the path removed");
    }
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const at: Token[] = ["paths", route, method];
      if (!isObject(op.responses) || Object.keys(op.responses).length === 0) {
        op.responses = { default: { description: "No response documented" } };
        record(changes, "responses", [...at, "responses"], "no responses: an empty default response added");
      }
      const listed = listOf(op.parameters);
      const before = listed.length;
      const parameters = listed.filter(inPath);
      op.parameters = parameters;
      if (parameters.length !== before) record(changes, "path-parameter", [...at, "parameters"], "path parameters not in the path removed");
      const declared = [...listOf(item.parameters), ...parameters].map(resolve).filter((p): p is JsonObject => p?.in === "path");
      for (const name of names) {
        const param = declared.find((p) => p.name === name);
        if (!param) {
          parameters.push({ name, in: "path", required: true, schema: { type: "string" } });
          record(changes, "path-parameter", [...at, "parameters"], `path parameter "${name}" declared (string)`);
        } else if (param.required !== true) {
          param.required = true;
          record(changes, "path-parameter", [...at, "parameters"], `path parameter "${name}" made required`);
        }
        // orval moves a parameter with a default after the others; a path parameter is always given.
        const schema = param && isObject(param.schema) ? param.schema : undefined;
        if (schema && Object.hasOwn(schema, "default")) {
          delete schema.default;
          record(changes, "path-parameter", [...at, "parameters"], `default of path parameter "${name}" removed`);
        }
      }
      if (parameters.length === 0 && before === 0) delete op.parameters;
    }
  }
}
