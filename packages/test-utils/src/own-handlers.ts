// Every operation of a client, sent to the full set of its package's generated
// MSW handlers (and, where given, other services' handlers registered beside
// them): exactly one handler answers, and it is the operation's own.
import type { HttpHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GlobbedModules } from "./every-operation.js";
import { type AnyFunction, sampleArguments } from "./exercise.js";
import { listOperations, type OpenApiDocument, type SpecOperation } from "./spec.js";

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

/** A route with its parameters as `{}`: `/project/{project_id}` and `/project/:projectId` both become `/project/{}`. */
function routeShape(route: string): string {
  // An escaped colon (a backslash before it) is text, not a parameter.
  return route
    .split("\\:")
    .map((part) => part.replace(/\{[^}]+\}|:\w+/g, "{}"))
    .join(":");
}

function describeHandler(handler: HttpHandler): string {
  return `${String(handler.info.method)} ${String(handler.info.path)}`;
}

// One MSW server for every suite of a test file: two listening at once would each
// see every request, and the one without the handlers would call it unhandled.
const server = setupServer();
let listening = 0;

/** Sends `op` to a fresh set of handlers and returns the ones that answered. */
async function answeredBy(
  op: SpecOperation,
  fn: AnyFunction,
  handlers: HttpHandler[],
  server: ReturnType<typeof setupServer>,
  call: { doc: OpenApiDocument; requestOptions: Record<string, unknown> },
): Promise<HttpHandler[]> {
  server.resetHandlers(...handlers);
  const { args } = sampleArguments(call.doc, op);
  // What the mock answers (faker data) does not matter here, only who answered.
  await fn(...args, call.requestOptions).catch(() => undefined);
  return handlers.filter((h) => h.isUsed);
}

/** Declares the suites; call it at the top level of a test file. */
export function describeOwnMockHandlers(options: OwnMockHandlersOptions): void {
  const { service, doc, baseURL, requestOptions, handlers, alongside, unbound = true } = options;
  const operations = listOperations(doc);
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
        it(`${op.operationId}: ${op.method} ${op.path}`, async () => {
          const fn = functions.get(op.operationId);
          expect(fn, `generated function ${op.operationId}`).toBeTypeOf("function");
          const own = handlers(binding);
          const others = alongside?.() ?? [];
          const used = await answeredBy(op, fn as AnyFunction, [...own, ...others], server, { doc, requestOptions });
          expect(used.map(describeHandler), "handlers that answered").toHaveLength(1);
          const [handler] = used;
          expect(own, `${op.operationId} was answered by another service's handler`).toContain(handler);
          expect(handler?.info.method).toBe(op.method);
          const path = String(handler?.info.path);
          const prefix = binding ? baseURL.replace(/\/+$/, "") : "*";
          const answered = `${op.operationId} answered by ${describeHandler(handler as HttpHandler)}`;
          expect(path.startsWith(prefix), answered).toBe(true);
          expect(routeShape(path.slice(prefix.length)), answered).toBe(routeShape(op.path));
        });
      }
    });
  }
}
