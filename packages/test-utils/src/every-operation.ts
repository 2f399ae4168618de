// One suite per client entry: every operation of the spec, called through the
// entry's generated function against MSW, and a final check that none was skipped.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnyFunction, exerciseOperation, refusesDotSegments } from "./exercise.js";
import { listOperations, type OpenApiDocument } from "./spec.js";

/** Modules as `import.meta.glob(…, { eager: true })` returns them: path → exports. */
export type GlobbedModules = Record<string, Record<string, unknown>>;

export interface EveryOperationOptions {
  /** The service, as the suites name it: "every <service> operation, through the <entry>". */
  service: string;
  doc: OpenApiDocument;
  /** The modules of each entry that exports the operations, by the name the suite gives it. */
  entries: Record<string, GlobbedModules>;
  /** Base URL of the client (origin + path prefix). */
  baseURL: string;
  /** Request options of every call, e.g. `{ client }`. */
  requestOptions: Record<string, unknown>;
  /** The number of operations the spec must have, where it is known (a parity target). */
  operationCount?: number;
}

/** Declares the suites; call it at the top level of a test file. */
export function describeEveryOperation({ service, doc, entries, baseURL, requestOptions, operationCount }: EveryOperationOptions): void {
  const operations = listOperations(doc);
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  for (const [entry, modules] of Object.entries(entries)) {
    const functions = new Map(Object.values(modules).flatMap((exports) => Object.entries(exports)));
    describe(`every ${service} operation, through the ${entry}`, () => {
      const exercised = new Set<string>();
      it(operationCount === undefined ? "the spec has operations" : `the spec has ${operationCount} operations`, () => {
        if (operationCount === undefined) expect(operations.length).toBeGreaterThan(0);
        else expect(operations).toHaveLength(operationCount);
      });

      for (const op of operations) {
        it(`${op.operationId}: ${op.method} ${op.path}`, async () => {
          const fn = functions.get(op.operationId);
          expect(fn, `generated function ${op.operationId}`).toBeTypeOf("function");
          await exerciseOperation({ doc, op, fn: fn as AnyFunction, server, baseURL, requestOptions });
          exercised.add(op.operationId);
        });
      }

      const withPath = operations.filter((op) => op.pathParams.length > 0);
      it.each(withPath.map((op) => [op.operationId, op]))(
        "%s refuses a path parameter that is empty, . or .., before sending anything",
        async (_id, op) => {
          const fn = functions.get((op as (typeof withPath)[number]).operationId);
          await refusesDotSegments({ doc, op: op as (typeof withPath)[number], fn: fn as AnyFunction, server, baseURL, requestOptions });
        },
      );

      it("no operation was left without a call", () => {
        const missing = operations.map((o) => o.operationId).filter((id) => !exercised.has(id));
        expect(missing).toEqual([]);
      });
    });
  }
}
