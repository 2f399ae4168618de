import type { Change, JsonObject } from "../../types.ts";
import { isObject, METHODS, refTokens, resolveTokens } from "../walk.ts";
import { moveRoutes, renamePathParameters } from "./parameter-names.ts";
import { camel, type Doc, modelName, pathParamNames, record, uniqueName } from "./shared.ts";

/**
 * The argument name orval gives an operation's request body when it is one
 * named type: the camelCased type (`$ref: …/schemas/Task` → `task`; a
 * `components/requestBodies` entry `Pet` → `petBody`). Other bodies are
 * named after the operation (`…Body`), which no path parameter is.
 */
function bodyArgumentNames(doc: Doc, op: JsonObject): string[] {
  let body: unknown = op.requestBody;
  let fromRequestBodies: string | undefined;
  if (isObject(body) && typeof body.$ref === "string") {
    const tokens = refTokens(body.$ref) ?? [];
    if (tokens[0] === "components" && tokens[1] === "requestBodies" && tokens.length === 3) fromRequestBodies = tokens[2];
    body = resolveTokens(doc, tokens);
  }
  if (fromRequestBodies !== undefined) return [camel(modelName(fromRequestBodies, "Body"))];
  if (!isObject(body) || !isObject(body.content)) return [];
  const names: string[] = [];
  for (const media of Object.values(body.content)) {
    const schema = isObject(media) ? media.schema : undefined;
    const tokens = isObject(schema) && typeof schema.$ref === "string" ? refTokens(schema.$ref) : undefined;
    if (tokens?.[0] === "components" && tokens[1] === "schemas" && tokens.length === 3) names.push(camel(modelName(tokens[2] as string)));
  }
  return names;
}

/**
 * A path parameter named like the operation's body argument (Google Tasks:
 * `PUT /lists/{tasklist}/tasks/{task}` with a `Task` body, both `task`) would
 * be two arguments of one name: the path parameter is renamed (`task2`) in
 * the path template and its declarations, for every operation of the route.
 * Runs after the schema names are final. Only code names change: the URL is
 * the same.
 */
export function fixBodyParameterNames(doc: Doc, changes: Change[]): void {
  const renamedRoutes = new Map<string, string>();
  for (const [route, item] of Object.entries(doc.paths)) {
    if (!isObject(item)) continue;
    const bodies = new Set(
      METHODS.flatMap((method) => {
        const op = item[method];
        return isObject(op) ? bodyArgumentNames(doc, op) : [];
      }),
    );
    if (bodies.size === 0) continue;
    const names = pathParamNames(route);
    const taken = new Set([...names.map((name) => camel(name).toLowerCase()), ...[...bodies].map((b) => b.toLowerCase())]);
    const renames = new Map<string, string>();
    for (const name of names) if (bodies.has(camel(name))) renames.set(name, uniqueName(camel(name), taken));
    if (renames.size === 0) continue;
    renamedRoutes.set(route, renamePathParameters(doc, route, item, renames));
    for (const [from, to] of renames)
      record(
        changes,
        "body-parameter-name",
        ["paths", route],
        `path parameter "${from}" is also the name of the request body's argument: the parameter renamed "${to}"`,
      );
  }
  moveRoutes(doc, renamedRoutes);
}
