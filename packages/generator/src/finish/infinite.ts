// Finishing step: infinite queries for paginated operations. specs/services.yaml
// names them per service (`infiniteQueries: { <paging>: [operationId, …] }`),
// each with a paging its package's src/infinite.ts exports: how the first page
// is asked for, how a page is fetched, and which page comes next, from the
// service's own paging information (dserver's X-Pagination header, a cursor…).
//
// orval's own `useInfinite` fits none of them: it covers GET operations only
// (dserver searches by POST), gives its query function the response body
// alone (dserver's next page is in a header) and writes no getNextPageParam.
// So this step writes, for each operation X, beside orval's hooks in its tag file:
// `getXInfiniteQueryKey`, `getXInfiniteQueryOptions`, `useXInfinite` and
// `prefetchXInfiniteQuery`, shaped like orval's query functions.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { orvalCore } from "../generate/orval-tools.ts";
import type { ServiceBindings } from "../manifest/services.ts";
import { repoRoot as root } from "../paths.ts";
import { isObject, METHODS, resolveRef } from "../prepare/walk.ts";
import type { DocumentParts, JsonObject, Service } from "../types.ts";
import { appendArgument, fixKeySegments, KEY_SCOPE } from "./hooks.ts";
import { addImports, splitTopLevel } from "./text.ts";

const pascal = (name: string) => orvalCore().pascal(name);

/** Query parameters and response headers that say an operation is paginated. */
const PAGE_PARAMETERS = /^(page|offset|cursor|page_?token|next_?token|start_?index|skip)$/i;
const PAGE_HEADERS = /^(x-pagination|link|x-total-count|x-next-page)$/i;

/** The operations of `document`, with their method, route and summary. */
interface OperationOf {
  method: string;
  route: string;
  op: JsonObject;
  /** The path item's own parameters, shared by its operations. */
  shared: unknown[];
}
function operationsOf(document: DocumentParts): Map<string, OperationOf> {
  const ops = new Map<string, OperationOf>();
  for (const [route, item] of Object.entries(isObject(document.paths) ? document.paths : {})) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (isObject(op) && typeof op.operationId === "string" && op.operationId) {
        ops.set(op.operationId, { method, route, op, shared: Array.isArray(item.parameters) ? item.parameters : [] });
      }
    }
  }
  return ops;
}

/** `value`, or what its `$ref` names (one level: prepared documents keep references local). */
const deref = (document: DocumentParts, value: unknown): unknown =>
  isObject(value) && typeof value.$ref === "string" ? resolveRef(document, value.$ref) : value;

/**
 * The operations that look paginated (a page, offset or cursor query parameter,
 * or a paging response header) but that `listed` does not name: generation
 * reports them, so a new paginated operation is not left without its infinite query.
 */
export function unlistedPaginatedOperations(document: DocumentParts, listed: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [id, { op, shared }] of operationsOf(document)) {
    if (listed.has(id)) continue;
    const params = [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])].map((p) => deref(document, p));
    const pageParam = params.some((p) => isObject(p) && p.in === "query" && PAGE_PARAMETERS.test(typeof p.name === "string" ? p.name : ""));
    const headersOf = (response: unknown) => {
      const resolved = deref(document, response);
      return isObject(resolved) && isObject(resolved.headers) ? Object.keys(resolved.headers) : [];
    };
    const pageHeader = Object.entries(isObject(op.responses) ? op.responses : {}).some(
      ([status, response]) => /^2/.test(status) && headersOf(response).some((h) => PAGE_HEADERS.test(h)),
    );
    if (pageParam || pageHeader) found.push(id);
  }
  return found.sort();
}

/**
 * The `infiniteQueries` entry of a service as a map operationId → paging name;
 * throws naming the setting when an operation is not in the document.
 */
export function infiniteOperations(
  service: Pick<Service, "name" | "spec" | "infiniteQueries">,
  document: DocumentParts,
): Map<string, string> {
  const byOperation = new Map<string, string>();
  const ops = operationsOf(document);
  for (const [paging, ids] of Object.entries(service.infiniteQueries ?? {})) {
    for (const id of ids) {
      if (!ops.has(id)) {
        throw new Error(
          `specs/services.yaml: services.${service.name}.infiniteQueries.${paging} names operation "${id}", which ${service.spec} does not have`,
        );
      }
      byOperation.set(id, paging);
    }
  }
  return byOperation;
}

/**
 * The parameters of the request function `name` in a tag file, before its
 * request options: `[{ name, optional, type }]`, e.g. `searchQuery: BodyType<SearchQuery>`, `params?: SearchDatasetsParams`.
 */
/** A parameter of a generated request function. */
export interface RequestParameter {
  name: string;
  optional: boolean;
  type: string;
}

export function requestParameters(text: string, name: string): RequestParameter[] {
  const m = new RegExp(`\\nexport const ${name} = \\(\\n([\\s\\S]*?)\\boptions\\?: SecondParameter<`).exec(text);
  if (!m) throw new Error(`infinite queries: no request function ${name} in its tag file`);
  return splitTopLevel(m[1] ?? "")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const p = /^(\w+)(\??):\s*([\s\S]+)$/.exec(part);
      if (!p) throw new Error(`infinite queries: cannot read parameter "${part}" of ${name}`);
      return { name: p[1] ?? "", optional: p[2] === "?", type: (p[3] ?? "").trim() };
    });
}

/** The code of one operation's infinite query, appended to its tag file. */
/** What one infinite query is written from. */
export interface InfiniteQuery {
  id: string;
  paging: string;
  method: string;
  route: string;
  summary: unknown;
  parameters: RequestParameter[];
  prefix: string;
  bindings: ServiceBindings;
  requester: string;
}

export function infiniteQueryCode({ id, paging, method, route, summary, parameters, prefix, bindings, requester }: InfiniteQuery): string {
  const Op = pascal(id);
  const isGet = method === "get";
  const errorType = `${Op}${isGet ? "Query" : "Mutation"}Error`;
  const names = parameters.map((p) => p.name);
  const definitions = parameters.map((p) => `${p.name}${p.optional ? "?" : ""}: ${p.type}`).join(", ");
  // Key parameters are all optional, as in orval's key functions.
  const keyParameters = parameters.map((p) => `${p.name}?: ${p.type}`).join(", ");
  const pathParameters = parameters.filter((p) => p.name !== "params" && !p.type.startsWith("BodyType<"));
  const body = parameters.find((p) => p.type.startsWith("BodyType<"));
  const pagingOf = `ReturnType<typeof ${paging}<typeof ${id}>>`;
  const Page = `${Op}InfinitePage`;
  const PageParam = `${Op}InfinitePageParam`;
  const TData = `InfiniteData<${Page}, ${PageParam}>`;
  const optionsType = `{ query?: Partial<UseInfiniteQueryOptions<${Page}, TError, TData, QueryKey, ${PageParam}>>, request?: SecondParameter<typeof ${requester}> }`;
  const result = `UseInfiniteQueryResult<TData, TError> & { queryKey: DataTag<QueryKey, TData, TError> }`;
  const keyName = `get${Op}InfiniteQueryKey`;
  let keyItems: string;
  if (isGet) {
    keyItems = `...get${Op}QueryKey(${appendArgument(names.join(", "), KEY_SCOPE)}), 'infinite'`;
  } else {
    // No query key function for a non-GET operation: the same shape, with the body after the parameters.
    const { getRoute, getRouteAsArray } = orvalCore();
    const segments = fixKeySegments(getRouteAsArray(getRoute(route)), keyParameters);
    keyItems = [
      JSON.stringify(prefix),
      `${bindings.deployment}(${KEY_SCOPE}, '${keyName}')`,
      segments,
      ...(names.includes("params") ? ["...(params ? [params]: [])"] : []),
      ...(body ? [body.name] : []),
      "'infinite'",
    ].join(", ");
  }
  const enabled = pathParameters.length > 0 ? ` enabled: !!(${pathParameters.map((p) => p.name).join(" && ")}),` : "";
  const doc = summary ? `/**\n * @summary ${String(summary).replace(/\*\//g, "*\\/")}, page by page\n */\n` : "";
  return `
/** One page of ${id}'s infinite query, as the ${paging} paging gives it. */
export type ${Page} = PageOf<${pagingOf}>;
/** What says which page of ${id} to fetch. */
export type ${PageParam} = PageParamOf<${pagingOf}>;

export const ${keyName} = (${appendArgument(keyParameters, `${KEY_SCOPE}?: QueryKeyScope`)}) => {
    return [${keyItems}] as const;
}

export const get${Op}InfiniteQueryOptions = <TData = ${TData}, TError = ${errorType}>(${appendArgument(definitions, `options?: ${optionsType}`)}) => {
  const {query: queryOptions, request: requestOptions} = options ?? {};
  const queryKey = queryOptions?.queryKey ?? ${keyName}(${appendArgument(names.join(", "), "requestOptions")});
  return { queryKey, ...infinitePages(${paging}(${id}), [${names.join(", ")}], requestOptions),${enabled} ...queryOptions } as UseInfiniteQueryOptions<${Page}, TError, TData, QueryKey, ${PageParam}> & { queryKey: DataTag<QueryKey, TData, TError> };
}

${doc}export function use${Op}Infinite<TData = ${TData}, TError = ${errorType}>(${appendArgument(definitions, `options?: ${optionsType}, queryClient?: QueryClient`)}): ${result} {
  const queryOptions = get${Op}InfiniteQueryOptions(${appendArgument(names.join(", "), `${bindings.clientOptions}(options, 'use${Op}Infinite')`)});
  const query = useInfiniteQuery(queryOptions, queryClient) as ${result};
  query.queryKey = queryOptions.queryKey;
  return query;
}

${doc}export const prefetch${Op}InfiniteQuery = async <TData = ${TData}, TError = ${errorType}>(${appendArgument(`queryClient: QueryClient, ${definitions}`, `options?: ${optionsType}`)}): Promise<QueryClient> => {
  await queryClient.prefetchInfiniteQuery(get${Op}InfiniteQueryOptions(${appendArgument(names.join(", "), "options")}));
  return queryClient;
}
`;
}

/**
 * Appends the infinite queries of the operations in `ids` (operationId → paging)
 * that the tag file `text` defines; returns the new text and how many it added.
 */
export function addInfiniteQueries(
  text: string,
  {
    document,
    byOperation,
    prefix,
    bindings,
    requester,
  }: { document: DocumentParts; byOperation: Map<string, string>; prefix: string; bindings: ServiceBindings; requester: string },
): { text: string; count: number } {
  const ops = operationsOf(document);
  const here = [...byOperation].filter(([id]) => text.includes(`\nexport const ${id} = (\n`));
  if (here.length === 0) return { text, count: 0 };
  let code = "";
  for (const [id, paging] of here) {
    const found = ops.get(id);
    if (!found) throw new Error(`infinite queries: ${id} is not in the document`);
    const { method, route, op } = found;
    const parameters = requestParameters(text, id);
    if (!parameters.some((p) => p.name === "params")) {
      throw new Error(`infinite queries: ${id} takes no query parameters, so it has no page to ask for`);
    }
    if (method === "get" && !text.includes(`export const get${pascal(id)}QueryKey = (`)) {
      throw new Error(`infinite queries: ${id} has no query key function to extend`);
    }
    code += infiniteQueryCode({ id, paging, method, route, summary: op.summary, parameters, prefix, bindings, requester });
  }
  let next = addImports(text, "@tanstack/react-query", {
    values: ["useInfiniteQuery"],
    types: ["DataTag", "InfiniteData", "QueryClient", "QueryKey", "UseInfiniteQueryOptions", "UseInfiniteQueryResult"],
  });
  next = addImports(next, "../../react", {
    values: [bindings.clientOptions, bindings.deployment, "infinitePages"],
    types: ["PageOf", "PageParamOf", "QueryKeyScope"],
  });
  next = addImports(next, "../../../infinite", { values: [...new Set(here.map(([, paging]) => paging))].sort() });
  // The comment names this step by its old file: the generated code stays byte for byte what it was.
  return {
    text: `${next.trimEnd()}\n\n// Infinite queries of paginated operations (packages/generator/src/finish/infinite.ts).\n${code}`,
    count: here.length,
  };
}

/**
 * The service's infinite queries (operationId → paging), checked against its
 * document and against the pagings its package's src/infinite.ts exports.
 */
export async function checkedInfiniteOperations(service: Service, document: DocumentParts, pkgDir: string): Promise<Map<string, string>> {
  const byOperation = infiniteOperations(service, document);
  if (byOperation.size === 0) return byOperation;
  const file = path.join(pkgDir, "src/infinite.ts");
  const source = existsSync(file) ? await readFile(file, "utf8") : "";
  for (const paging of new Set(byOperation.values())) {
    if (!new RegExp(`export (?:function|const) ${paging}\\b`).test(source)) {
      throw new Error(
        `specs/services.yaml: services.${service.name}.infiniteQueries names the paging ${paging}, which ${path.relative(root, file)} does not export`,
      );
    }
  }
  return byOperation;
}
