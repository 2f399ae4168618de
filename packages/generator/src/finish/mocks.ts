// Finishing step for orval's MSW output: handlers bound to a deployment and
// ordered so that each operation is answered by its own handler.
//
// orval writes each handler for `*/route` (any base URL), so two services'
// handlers answer each other's routes, and a parameter route (`*/:realm`)
// answers every deeper path registered after it. Here every handler takes a
// `baseURL` (`mockRoute` in @sciclients/core), the tag lists and
// getAllMockHandlers pass it on, and they list the handlers most specific first.
// Handlers answering text or bytes that may be empty say `undefined`, not `void`.

import { exportChunks } from "./text.ts";

/** A handler of an MSW file: its exported name, HTTP method and route. */
export interface MockHandler {
  name: string;
  method: string;
  route: string;
}

/** How specific one path segment is: static text, text with a parameter, a parameter alone. */
function segmentRank(segment: string): number {
  const params = segment.match(/(?:^|[^\\]):\w+/g) ?? [];
  if (params.length === 0) return 0;
  return segment.replace(/(?:^|[^\\]):\w+/g, "").replace(/\\/g, "") === "" ? 2 : 1;
}

const segmentsOf = (route: string) => route.replace(/^\*/, "").split("/").filter(Boolean);

/**
 * Orders handler routes most specific first. Without a base URL a route
 * matches the end of any path, so longer routes go first (a shorter one
 * could answer them); among routes of one length, at the first segment where
 * they differ, static text goes before a segment mixing text and a parameter,
 * and that before a parameter alone. Equal ranks keep a stable alphabetical order.
 * The root route (`*\/`) goes before all: it matches only a URL that ends in a
 * slash, which any one-segment route (`*\/:id`, the base URL's last segment
 * taken for the parameter) would answer too.
 */
export function compareRoutes(a: MockHandler, b: MockHandler): number {
  const sa = segmentsOf(a.route);
  const sb = segmentsOf(b.route);
  if ((sa.length === 0) !== (sb.length === 0)) return sa.length === 0 ? -1 : 1;
  if (sa.length !== sb.length) return sb.length - sa.length;
  for (let i = 0; i < sa.length; i++) {
    const rank = segmentRank(sa[i] ?? "") - segmentRank(sb[i] ?? "");
    if (rank !== 0) return rank;
  }
  return a.route.localeCompare(b.route) || a.method.localeCompare(b.method) || a.name.localeCompare(b.name);
}

/**
 * Rewrites one `.msw.ts` file: each handler listens at `mockRoute(route, options)`
 * (its options take a `baseURL`), and the tag's list (`get<Tag>Mock(binding?)`)
 * passes its binding on, most specific route first. Returns the new text and
 * the handlers: `{ name, method, route }`.
 */
export function bindMockHandlers(text: string): { text: string; handlers: MockHandler[] } {
  const handlers: MockHandler[] = [];
  let next = text.replace(
    /(export const (get\w+MockHandler) = \(overrideResponse\?:[\s\S]*?)options\?: RequestHandlerOptions\) => \{\n {2}return http\.(\w+)\('([^']*)'/g,
    (_, head: string, name: string, method: string, route: string) => {
      if (!route.startsWith("*/"))
        throw new Error(`mock handlers: ${name} listens at "${route}"; expected a route under "*" (no mock baseUrl)`);
      handlers.push({ name, method, route });
      // orval escapes a colon that is text (\\:) inside a string literal, where the backslash
      // would be lost; doubled, it reaches MSW, which then matches the colon as text.
      const path = route.slice(1).replace(/\\:/g, "\\\\:");
      return `${head}options?: RequestHandlerOptions & MockBinding) => {\n  return http.${method}(mockRoute('${path}', options)`;
    },
  );
  const declared = text.match(/export const get\w+MockHandler = /g)?.length ?? 0;
  if (declared !== handlers.length) throw new Error(`mock handlers: ${declared} handlers, ${handlers.length} bound`);
  const byName = new Map(handlers.map((h) => [h.name, h]));
  let lists = 0;
  next = next.replace(/export const (get\w+Mock) = \(\) => \[\n([\s\S]*?)\n\]/g, (_, list, items) => {
    lists += 1;
    const listed = [...items.matchAll(/(get\w+MockHandler)\(\)/g)].map((m) => {
      const handler = byName.get(m[1]);
      if (!handler) throw new Error(`mock handlers: ${list} lists ${m[1]}, which this file does not define`);
      return handler;
    });
    const calls = listed.sort(compareRoutes).map((h) => `  ${h.name}(undefined, binding)`);
    return `export const ${list} = (binding?: MockBinding) => [\n${calls.join(",\n")}\n]`;
  });
  if (handlers.length > 0 && lists !== 1) throw new Error(`mock handlers: expected one tag list, found ${lists}`);
  if (handlers.length > 0) {
    next = next.replace(
      /(import type \{\n\s*RequestHandlerOptions\n\} from 'msw';\n)/,
      `$1import { mockRoute, type MockBinding } from '@sciclients/core';\n`,
    );
    if (!next.includes("from '@sciclients/core'")) throw new Error("mock handlers: no msw type import to add mockRoute after");
  }
  return { text: next, handlers };
}

/**
 * A handler that answers with its body as it is (`new HttpResponse(body)`: text,
 * bytes) cannot pass `void`, which orval puts in its type when the operation may
 * also answer without a body (`string | void` for text or an empty 204). Such a
 * handler and the response mocks it calls say `undefined` instead: the same
 * "no body", as a value MSW takes. Handlers answering JSON or nothing are left as they are.
 */
export function textMockBodies(text: string): string {
  const chunks = exportChunks(text);
  const mocks = new Set<string>();
  const handlerSignature = /^\nexport const get\w+MockHandler = \(overrideResponse\?: ([\s\S]*?), options\?: /;
  const noVoid = (type: string) => type.replace(/\bvoid\b/g, "undefined");
  const handled = chunks.map((chunk) => {
    const signature = handlerSignature.exec(chunk);
    const type = signature?.[1];
    if (!signature || type === undefined || !/\bvoid\b/.test(type) || !chunk.includes("return new HttpResponse(overrideResponse"))
      return chunk;
    for (const call of chunk.matchAll(/: (get\w+ResponseMock)\(\)/g)) mocks.add(call[1] ?? "");
    return chunk.replace(signature[0], () => signature[0].replace(type, noVoid(type)));
  });
  return handled
    .map((chunk) => {
      const mock = /^\nexport const (get\w+ResponseMock) = \(\): (.+?) => /.exec(chunk);
      if (!mock?.[1] || !mocks.has(mock[1])) return chunk;
      const type = mock[2] ?? "";
      return chunk.replace(mock[0], () => mock[0].replace(`(): ${type} =>`, `(): ${noVoid(type)} =>`));
    })
    .join("");
}

/**
 * `src/generated/mocks.ts`: every tag's handlers and getAllMockHandlers, which
 * lists every handler of the service most specific first and binds them to
 * `binding.baseURL` when given.
 */
export function mocksIndex(tags: string[], handlers: (MockHandler & { tag: string })[]): string {
  const sorted = [...handlers].sort(compareRoutes);
  const lines = [
    "// Generated by scripts/generate.mjs. Do not edit: run `pnpm generate`.",
    'import type { MockBinding } from "@sciclients/core";',
    ...tags.map((t) => {
      const names = handlers.filter((h) => h.tag === t).map((h) => h.name);
      return names.length === 0 ? undefined : `import { ${names.sort().join(", ")} } from "./endpoints/${t}/${t}.msw";`;
    }),
    "",
    ...tags.map((t) => `export * from "./endpoints/${t}/${t}.msw";`),
    "",
    "/**",
    " * MSW handlers answering every operation with faker data, the most specific",
    " * route first. `{ baseURL }` (the client's base URL) makes them answer that",
    " * deployment only, so several services' mocks can be registered together.",
    " */",
    "export const getAllMockHandlers = (binding?: MockBinding) => [",
    ...sorted.map((h, i) => `  ${h.name}(undefined, binding)${i < sorted.length - 1 ? "," : ""}`),
    "];",
    "",
  ];
  return lines.filter((line) => line !== undefined).join("\n");
}
