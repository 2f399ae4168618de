import type { Change, JsonObject } from "../../types.ts";
import { isObject, METHODS, refTokens, resolveTokens } from "../walk.ts";
import { camel, type Doc, pathParamNames, record, uniqueName } from "./shared.ts";

/**
 * Path parameters whose names are one identifier once camelCased (`user-id`
 * and `user_id` → `userId`) would be two arguments of the same name: the later
 * one is renamed, in the path template and its declaration (a shared component
 * parameter is copied first). Only code names change: the URL is the same.
 */
export function fixParameterNames(doc: Doc, changes: Change[]): void {
  const renamedRoutes = new Map<string, string>();
  for (const [route, item] of Object.entries(doc.paths)) {
    if (!isObject(item)) continue;
    const names = pathParamNames(route);
    const seen = new Set<string>();
    const renames = new Map<string, string>();
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
    renamedRoutes.set(route, renamePathParameters(doc, route, item, renames));
    for (const [from, to] of renames)
      record(
        changes,
        "parameter-name",
        ["paths", route],
        `path parameters "${from}" and another are one identifier: "${from}" renamed "${to}"`,
      );
  }
  moveRoutes(doc, renamedRoutes);
}

/**
 * Renames path parameters of one route (`renames`: old name → new) in every
 * declaration of the path item and its operations (a shared component
 * parameter is copied first) and returns the route with the new names. The
 * caller moves the path item there (see {@link moveRoutes}).
 */
export function renamePathParameters(doc: Doc, route: string, item: JsonObject, renames: Map<string, string>): string {
  const operationLists = METHODS.map((m) => {
    const op = item[m];
    return isObject(op) ? op.parameters : undefined;
  });
  const lists = [item.parameters, ...operationLists].filter((list): list is unknown[] => Array.isArray(list));
  for (const list of lists) {
    for (const [i, p] of list.entries()) {
      const param = isObject(p) && typeof p.$ref === "string" ? resolveTokens(doc, refTokens(p.$ref) ?? []) : p;
      const renamed = isObject(param) && param.in === "path" && typeof param.name === "string" ? renames.get(param.name) : undefined;
      if (!isObject(param) || renamed === undefined) continue;
      list[i] = { ...structuredClone(param), name: renamed };
    }
  }
  return route.replace(/\{([^}]+)\}/g, (all, name) => (renames.has(name) ? `{${renames.get(name)}}` : all));
}

/** Moves path items to their renamed routes, keeping the order of the paths object. */
export function moveRoutes(doc: Doc, renamedRoutes: Map<string, string>): void {
  if (renamedRoutes.size > 0)
    doc.paths = Object.fromEntries(Object.entries(doc.paths).map(([route, item]) => [renamedRoutes.get(route) ?? route, item]));
}
