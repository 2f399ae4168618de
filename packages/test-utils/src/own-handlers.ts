// Every operation of a client, sent to the full set of its package's generated
// MSW handlers (and, where given, other services' handlers registered beside
// them): exactly one handler answers, and it is the operation's own.
import type { HttpHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GlobbedModules } from "./every-operation.js";
import { type AnyFunction, sampleArguments } from "./exercise.js";
import { listOperations, type OpenApiDocument, type SpecOperation, withoutFragment } from "./spec.js";

/** What binds generated handlers to one deployment (`MockBinding` of @sciclients/core). */
export interface HandlerBinding {
  baseURL?: string;
}

export interface OwnMockHandlersOptions {
  /** The service, as the suites name it. */
  service: string;
  /** The document the code was generated from. */
  doc: OpenApiDocument;
  /** The modules exporting the operations' plain functions (the ./functions glob). */
  functions: GlobbedModules;
  /** Base URL of the client the calls go through. */
  baseURL: string;
  /** Request options of every call, e.g. `{ client }`. */
  requestOptions: Record<string, unknown>;
  /** The package's `getAllMockHandlers`. */
  handlers: (binding?: HandlerBinding) => HttpHandler[];
  /** Other services' handlers, bound to their own base URLs, registered beside these. */
  alongside?: () => HttpHandler[];
  /** Also with the handlers unbound (listening under any base URL); default true. */
  unbound?: boolean;
}

/**
 * An OpenAPI path's shape, its `{name}` parameters as `{}`: only braces make a
 * parameter, so the verb of `/v1/{name}:cancel` (Google's custom methods) stays text.
 */
export function specRouteShape(path: string, { fragment = false } = {}): string {
  return (fragment ? path : withoutFragment(path)).replace(/\{[^}]+\}/g, "{}");
}

/**
 * An MSW handler path's shape, its `:name` parameters as `{}`: `/v1/:name\\:cancel`
 * becomes `/v1/{}:cancel`, an escaped colon (a backslash before it) being text.
 */
export function handlerRouteShape(path: string, { fragment = false } = {}): string {
  return (fragment ? path : withoutFragment(path))
    .split("\\:")
    .map((part) => part.replace(/\{[^}]+\}|:\w+/g, "{}"))
    .join(":");
}

/**
 * The operations no request can tell apart, each with the others on its route:
 * the same method and path once the fragment is dropped (AWS's
 * `POST /#X-Amz-Target=Service.Action`, all sent as `POST /`). Operations alone
 * on their route are not in the map.
 */
export function sharedRoutes(operations: SpecOperation[]): Map<SpecOperation, SpecOperation[]> {
  const byRoute = new Map<string, SpecOperation[]>();
  for (const op of operations) {
    const key = `${op.method} ${specRouteShape(op.path)}`;
    byRoute.set(key, [...(byRoute.get(key) ?? []), op]);
  }
  const shared = new Map<SpecOperation, SpecOperation[]>();
  for (const group of byRoute.values()) {
    if (group.length > 1) for (const op of group) shared.set(op, group);
  }
  return shared;
}

/** The URL (origin and path) a call of `op` with the sampled arguments goes to: values encoded, no fragment. */
function requestedPath(doc: OpenApiDocument, op: SpecOperation, baseURL: string): string {
  const { pathArgs } = sampleArguments(doc, op);
  const base = new URL(baseURL);
  const path = withoutFragment(op.path).replace(/\{([^}/]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(pathArgs[op.pathParams.findIndex((p) => p.name === name)])),
  );
  return `${base.origin}${base.pathname.replace(/\/+$/, "")}${path}`;
}

function describeHandler(handler: HttpHandler): string {
  return `${String(handler.info.method)} ${String(handler.info.path)}`;
}

// One MSW server for every suite of a test file: two listening at once would each
// see every request, and the one without the handlers would call it unhandled.
const server = setupServer();
let listening = 0;

/** Sends `op` to a fresh set of handlers; returns the ones that answered and the requests sent (method and URL). */
async function answeredBy(
  op: SpecOperation,
  fn: AnyFunction,
  handlers: HttpHandler[],
  server: ReturnType<typeof setupServer>,
  call: { doc: OpenApiDocument; requestOptions: Record<string, unknown> },
): Promise<{ used: HttpHandler[]; requests: { method: string; url: URL }[] }> {
  server.resetHandlers(...handlers);
  const requests: { method: string; url: URL }[] = [];
  const record = ({ request }: { request: Request }) => {
    requests.push({ method: request.method, url: new URL(request.url) });
  };
  server.events.on("request:start", record);
  const { args } = sampleArguments(call.doc, op);
  // What the mock answers (faker data) does not matter here, only who answered.
  await fn(...args, call.requestOptions)
    .catch(() => undefined)
    .finally(() => server.events.removeListener("request:start", record));
  return { used: handlers.filter((h) => h.isUsed), requests };
}

/** Declares the suites; call it at the top level of a test file. */
export function describeOwnMockHandlers(options: OwnMockHandlersOptions): void {
  const { service, doc, baseURL, requestOptions, handlers, alongside, unbound = true } = options;
  const operations = listOperations(doc);
  const shared = sharedRoutes(operations);
  const functions = new Map(Object.values(options.functions).flatMap((exports) => Object.entries(exports)));
  beforeAll(() => {
    if (listening++ === 0) server.listen({ onUnhandledRequest: "error" });
  });
  afterAll(() => {
    if (--listening === 0) server.close();
  });

  const modes: [string, HandlerBinding | undefined][] = [
    [`bound to ${baseURL}${alongside ? ", beside other services' handlers" : ""}`, { baseURL }],
    ...(unbound ? [["unbound (under any base URL)", undefined] as [string, undefined]] : []),
  ];
  for (const [mode, binding] of modes) {
    describe(`every ${service} operation is answered by its own mock handler, ${mode}`, () => {
      it("the set has one handler per operation", () => {
        expect(handlers(binding)).toHaveLength(operations.length);
      });

      for (const op of operations) {
        const sharing = shared.get(op);
        // Several operations on one route: whichever of their handlers MSW meets first
        // answers all of them, so only the route (and the handler being one of theirs) is checked.
        const title = sharing
          ? `${op.operationId}: ${op.method} ${op.path} (one route with ${sharing.length - 1} other operation(s), ` +
            "a fragment is never sent: checks the request and that one of the route's handlers answered, not which)"
          : `${op.operationId}: ${op.method} ${op.path}`;
        it(title, async () => {
          const fn = functions.get(op.operationId);
          expect(fn, `generated function ${op.operationId}`).toBeTypeOf("function");
          const own = handlers(binding);
          const others = alongside?.() ?? [];
          const { used, requests } = await answeredBy(op, fn as AnyFunction, [...own, ...others], server, { doc, requestOptions });
          expect(used.map(describeHandler), "handlers that answered").toHaveLength(1);
          const [handler] = used;
          expect(own, `${op.operationId} was answered by another service's handler`).toContain(handler);
          expect(handler?.info.method).toBe(op.method);
          const path = String(handler?.info.path);
          const prefix = binding ? baseURL.replace(/\/+$/, "") : "*";
          const answered = `${op.operationId} answered by ${describeHandler(handler as HttpHandler)}`;
          expect(path.startsWith(prefix), answered).toBe(true);
          const route = path.slice(prefix.length);
          expect(handlerRouteShape(route), answered).toBe(specRouteShape(op.path));
          if (!sharing) return;
          // The handler is one of the route's operations', fragment and all.
          const routeHandlers = sharing.map((o) => specRouteShape(o.path, { fragment: true }));
          expect(routeHandlers, answered).toContain(handlerRouteShape(route, { fragment: true }));
          // The request went to the route, without the fragment: one request, to the path the spec names.
          expect(
            requests.map((r) => `${r.method} ${r.url.origin}${r.url.pathname}`),
            `${op.operationId} requests`,
          ).toEqual([`${op.method} ${requestedPath(doc, op, baseURL)}`]);
        });
      }
    });
  }
}
