// Finishing step for orval's React Query output (one tag file at a time): query
// keys name the service and the deployment, and hooks take their client from
// React context. orval 7 has no option for either; each rewrite is anchored on
// a line orval always writes, and counted, so a change in orval's output fails
// generation instead of leaving a hook half done.
import type { ServiceBindings } from "../manifest/services.ts";
import { addImports, exportChunks, splitTopLevel } from "./text.ts";

/**
 * orval splits a query key at the path's slashes and writes a segment mixing a
 * parameter with text (`{name}:cancel`, `{a}-{b}`) as bare code; those become
 * template literals (`${name}:cancel`). Well-formed keys are left as they are.
 * `args` is the key function's parameter list (the parameters' names are read from it).
 */
export function fixKeySegments(items: string, args: string): string {
  const params = [...args.matchAll(/(\w+)\??:/g)].map((m) => m[1]);
  return splitTopLevel(items)
    .map((part) => {
      const item = part.trim();
      if (item === "" || item.startsWith("'") || item.startsWith("...") || /^[A-Za-z_$][\w$]*$/.test(item)) return part;
      const template = item
        .replace(/[`\\]/g, "\\$&")
        .replace(/[A-Za-z_$][\w$]*/g, (word) => (params.includes(word) ? `\${${word}}` : word));
      return part.replace(item, `\`${template}\``);
    })
    .join(",");
}

/** Joins a parameter or argument list (orval's, possibly empty or with a trailing comma) and one more entry. */
export function appendArgument(list: string, extra: string): string {
  const trimmed = list.trim();
  if (trimmed === "") return extra;
  return trimmed.endsWith(",") ? `${trimmed} ${extra}` : `${trimmed}, ${extra}`;
}

/** The name of the parameter generated key functions take last: `{ client }` (a `QueryKeyScope`). */
export const KEY_SCOPE = "keyScope";

/**
 * Query keys become `[service, clientId, ...path segments, params?]`: every
 * `get…QueryKey` function takes a last `keyScope` (`{ client }`), and the
 * query options functions pass their request options (which hold the client).
 * `bindings.deployment` is the generated function giving the client id.
 */
export function scopeQueryKeys(
  text: string,
  { prefix, bindings }: { prefix: string; bindings: Pick<ServiceBindings, "deployment"> },
): { text: string; keys: number } {
  let keys = 0;
  let calls = 0;
  const next = text
    // `export const get<Op>QueryKey = (...) => {\n    return [...] as const;`
    .replace(
      /export const (get\w+QueryKey) = \(([^)]*)\) => \{(\s*)return \[([^\]]*(?:\[[^\]]*\][^\]]*)*)\] as const/g,
      (_, name, args, space, items) => {
        keys += 1;
        const params = appendArgument(args, `${KEY_SCOPE}?: QueryKeyScope`);
        const deployment = `${bindings.deployment}(${KEY_SCOPE}, '${name}')`;
        return `export const ${name} = (${params}) => {${space}return [${JSON.stringify(prefix)}, ${deployment}, ${fixKeySegments(items, args).trim()}] as const`;
      },
    )
    // `const queryKey =  queryOptions?.queryKey ?? get<Op>QueryKey(params);` in the options functions
    .replace(/(queryOptions\?\.queryKey \?\? )(get\w+QueryKey)\(([^)]*)\);/g, (_, head, name, args) => {
      calls += 1;
      return `${head}${name}(${appendArgument(args, "requestOptions")});`;
    });
  if (keys > 0 && calls === 0) throw new Error(`scopeQueryKeys: ${keys} query key functions but no query options function calls one`);
  return { text: keys === 0 ? text : addImports(next, "../../react", { values: [bindings.deployment], types: ["QueryKeyScope"] }), keys };
}

/**
 * Hooks resolve their client (`request.client`, else the nearest
 * SciclientsProvider's) before building their options:
 * - query hooks (`useX`, `useXSuspense`) pass `useXClientOptions(options, 'useX')`
 *   to their options function, so the key and the request use that client;
 * - mutation options (`useXMutationOptions`) resolve `options` first, and give
 *   the client to the invalidating mutation options as `meta.client`.
 * Prefetch functions and `get…QueryOptions` stay plain: they need `{ request: { client } }`.
 */
export function bindHooksToClients(
  text: string,
  { bindings }: { bindings: Pick<ServiceBindings, "clientOptions" | "mutationOptions"> },
): { text: string; queries: number; mutations: number } {
  let queries = 0;
  let mutations = 0;
  const chunks = exportChunks(text).map((chunk) => {
    const hook = /^\nexport function (use\w+)</.exec(chunk)?.[1];
    if (hook) {
      return chunk.replace(/(const queryOptions = get\w+QueryOptions\()([^)]*?)options\)/, (_, head, args) => {
        queries += 1;
        return `${head}${args}${bindings.clientOptions}(options, '${hook}'))`;
      });
    }
    const mutation = /^\nexport const (use\w+)MutationOptions = /.exec(chunk)?.[1];
    if (mutation) {
      let resolved = 0;
      const next = chunk
        .replace(/(\nconst mutationKey = \['\w+'\];\n)/, (line) => {
          resolved += 1;
          return `${line}options = ${bindings.clientOptions}(options, '${mutation}');\n`;
        })
        .replace(
          new RegExp(`(${bindings.mutationOptions}\\(\\{\\.\\.\\.mutationOptions, mutationFn\\}, \\{ url: \`[^\`]*\`)( \\})`),
          (_, head, tail) => {
            resolved += 1;
            return `${head}, client: requestOptions?.client${tail}`;
          },
        );
      if (resolved !== 2)
        throw new Error(`bindHooksToClients: ${mutation}MutationOptions is not shaped as expected (${resolved} of 2 rewrites)`);
      mutations += 1;
      return next;
    }
    return chunk;
  });
  // Overload signatures have no body; the implementation builds its options.
  const hooks = exportChunks(text).filter((c) => /^\nexport function use\w+</.test(c) && c.includes("const queryOptions = ")).length;
  if (queries !== hooks) throw new Error(`bindHooksToClients: ${hooks} query hooks, ${queries} given a client`);
  const next = chunks.join("");
  return {
    text: queries + mutations === 0 ? text : addImports(next, "../../react", { values: [bindings.clientOptions] }),
    queries,
    mutations,
  };
}
