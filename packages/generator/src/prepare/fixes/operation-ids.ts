import type { Change } from "../../types.ts";
import { operationNamer, orvalOperationId } from "../operation-names.ts";
import { isObject, operations, refTokens, resolveTokens } from "../walk.ts";
import { camel, type Doc, JS_RESERVED, listOf, record, uniqueName } from "./shared.ts";

/** Function names the generated endpoint and mock files define or import themselves. */
const GENERATED_FUNCTIONS = new Set(
  (
    "query mutation suspenseQuery infiniteQuery suspenseInfiniteQuery queryClient queryOptions mutationOptions isFetching " +
    "isMutating faker http delay axios toMultipart toFormUrlEncoded params options signal queryKey queryFn mutationFn mutationKey " +
    "customOptions props"
  ).split(" "),
);

/**
 * Every operation gets an operationId that is already the name orval gives its
 * function, unique, and neither a JS keyword nor a name the generated code uses.
 */
export function fixOperationIds(doc: Doc, changes: Change[], reserved: readonly string[]): void {
  const taken = new Set<string>();
  // Operations without an id are named from method and path (prepare/operation-names.ts).
  const derivedName = operationNamer(doc);
  for (const { op, item, path: route, method, tokens } of operations(doc)) {
    // A parameter named like its operation would hide the function inside the generated hooks.
    const paramNames = [...listOf(item.parameters), ...listOf(op.parameters)]
      .map((p) => (isObject(p) && typeof p.$ref === "string" ? resolveTokens(doc, refTokens(p.$ref) ?? []) : p))
      .flatMap((p) => (isObject(p) && typeof p.name === "string" ? [camel(p.name)] : []));
    const original = typeof op.operationId === "string" && op.operationId.trim() !== "" ? op.operationId : undefined;
    // Separators become word breaks: `repos/get-content` → `reposGetContent`.
    let id = camel((original ?? derivedName(method, route, taken)).replace(/[^A-Za-z0-9\u00C0-\u017F$]+/g, " ").trim());
    if (!id || !/^[A-Za-z_$]/.test(id)) id = camel(`op ${id}`) || orvalOperationId(method, route);
    if (JS_RESERVED.has(id) || GENERATED_FUNCTIONS.has(id) || reserved.includes(id) || paramNames.includes(id)) id = `${id}Operation`;
    id = uniqueName(id, taken);
    if (id === original) continue;
    op.operationId = id;
    const why = original === undefined ? "missing" : "renamed";
    record(
      changes,
      "operation-id",
      [...tokens, "operationId"],
      `${why}: ${original === undefined ? "derived" : JSON.stringify(original)} → "${id}"`,
    );
  }
}
