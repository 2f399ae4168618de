import { isObject, METHODS, refTokens, resolveTokens } from "../walk.ts";
import { pathParamNames, record } from "./shared.ts";

/** Path parameters match the template: declared once each, required, none extra. */
export function fixPathParameters(doc, changes) {
  const resolve = (p) => (isObject(p) && typeof p.$ref === "string" ? resolveTokens(doc, refTokens(p.$ref) ?? []) : p);
  for (const [route, item] of Object.entries(doc.paths)) {
    if (!isObject(item)) continue;
    const names = pathParamNames(route);
    if (Array.isArray(item.parameters)) {
      const before = item.parameters.length;
      item.parameters = item.parameters.filter((p) => resolve(p)?.in !== "path" || names.includes(resolve(p).name));
      if (item.parameters.length !== before)
        record(changes, "path-parameter", ["paths", route, "parameters"], "path parameters not in the path removed");
    }
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const at = ["paths", route, method];
      if (!isObject(op.responses) || Object.keys(op.responses).length === 0) {
        op.responses = { default: { description: "No response documented" } };
        record(changes, "responses", [...at, "responses"], "no responses: an empty default response added");
      }
      op.parameters ??= [];
      const before = op.parameters.length;
      op.parameters = op.parameters.filter((p) => resolve(p)?.in !== "path" || names.includes(resolve(p).name));
      if (op.parameters.length !== before)
        record(changes, "path-parameter", [...at, "parameters"], "path parameters not in the path removed");
      const declared = [...(item.parameters ?? []), ...op.parameters].map(resolve).filter((p) => p?.in === "path");
      for (const name of names) {
        const param = declared.find((p) => p.name === name);
        if (!param) {
          op.parameters.push({ name, in: "path", required: true, schema: { type: "string" } });
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
      if (op.parameters.length === 0 && before === 0) delete op.parameters;
    }
  }
}
