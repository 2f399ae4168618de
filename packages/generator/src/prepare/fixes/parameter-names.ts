import { isObject, refTokens, resolveTokens } from "../walk.ts";
import { camel, pathParamNames, record, uniqueName } from "./shared.ts";

/**
 * Path parameters whose names are one identifier once camelCased (`user-id`
 * and `user_id` → `userId`) would be two arguments of the same name: the later
 * one is renamed, in the path template and its declaration (a shared component
 * parameter is copied first). Only code names change: the URL is the same.
 */
export function fixParameterNames(doc, changes) {
  const renamedRoutes = new Map();
  for (const [route, item] of Object.entries(doc.paths)) {
    if (!isObject(item)) continue;
    const names = pathParamNames(route);
    const seen = new Set();
    const renames = new Map();
    for (const name of names) {
      const id = camel(name);
      if (!seen.has(id.toLowerCase())) {
        seen.add(id.toLowerCase());
        continue;
      }
      const next = uniqueName(id, seen);
      renames.set(name, next);
    }
    if (renames.size === 0) continue;
    const lists = [item.parameters, ...METHODS.map((m) => item[m]?.parameters)].filter(Array.isArray);
    for (const list of lists) {
      for (const [i, p] of list.entries()) {
        const param = isObject(p) && typeof p.$ref === "string" ? resolveTokens(doc, refTokens(p.$ref) ?? []) : p;
        if (!isObject(param) || param.in !== "path" || !renames.has(param.name)) continue;
        list[i] = { ...structuredClone(param), name: renames.get(param.name) };
      }
    }
    const next = route.replace(/\{([^}]+)\}/g, (all, name) => (renames.has(name) ? `{${renames.get(name)}}` : all));
    renamedRoutes.set(route, next);
    for (const [from, to] of renames)
      record(
        changes,
        "parameter-name",
        ["paths", route],
        `path parameters "${from}" and another are one identifier: "${from}" renamed "${to}"`,
      );
  }
  if (renamedRoutes.size > 0)
    doc.paths = Object.fromEntries(Object.entries(doc.paths).map(([route, item]) => [renamedRoutes.get(route) ?? route, item]));
}
