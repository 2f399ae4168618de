// Every Dataiku DSS public API operation, called through its generated function against
// MSW: method, path (with percent-encoded parameters), query, body and result.
import path from "node:path";
import { createDssClient } from "@sciclients/dss-client";
import { type AnyFunction, exerciseOperation, listOperations, loadSpec } from "@sciclients/test-utils";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const doc = loadSpec(path.join(import.meta.dirname, "../../../specs/dss.yaml"));
const operations = listOperations(doc);
const modules = import.meta.glob<Record<string, AnyFunction>>(["../src/generated/endpoints/*/*.ts", "!**/*.msw.ts"], { eager: true });
const functions = new Map(Object.values(modules).flatMap((m) => Object.entries(m)));

const baseURL = "https://dss.test/api";
const client = createDssClient({ baseURL });
const server = setupServer();
const exercised = new Set<string>();

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("every Dataiku DSS public API operation", () => {
  it("the spec has operations", () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  for (const op of operations) {
    it(`${op.operationId}: ${op.method} ${op.path}`, async () => {
      const fn = functions.get(op.operationId);
      expect(fn, `generated function ${op.operationId}`).toBeTypeOf("function");
      await exerciseOperation({ doc, op, fn: fn as AnyFunction, server, baseURL, requestOptions: { client } });
      exercised.add(op.operationId);
    });
  }

  it("no operation was left without a call", () => {
    const missing = operations.map((o) => o.operationId).filter((id) => !exercised.has(id));
    expect(missing).toEqual([]);
  });
});
