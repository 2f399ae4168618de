// Every Data Manager operation, called through its generated function against
// MSW: method, path (with percent-encoded parameters), query, body encoding
// (JSON, form-urlencoded, multipart with file names and bytes) and result.
import path from "node:path";
import { createDataManagerClient } from "@sciclients/data-manager-client";
import { type AnyFunction, exerciseOperation, listOperations, loadSpec } from "@sciclients/test-utils";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const doc = loadSpec(path.join(import.meta.dirname, "../../../specs/data-manager.yaml"));
const operations = listOperations(doc);
// The same operations are exported twice: with the hooks (per tag) and as plain functions (./functions).
const withHooks = import.meta.glob<Record<string, AnyFunction>>(["../src/generated/endpoints/*/*.ts", "!**/*.msw.ts"], { eager: true });
const plain = import.meta.glob<Record<string, AnyFunction>>("../src/generated/functions/*/*.ts", { eager: true });
const entries = {
  "tag entries with hooks": new Map(Object.values(withHooks).flatMap((m) => Object.entries(m))),
  "./functions entry": new Map(Object.values(plain).flatMap((m) => Object.entries(m))),
};

const baseURL = "https://dm.test/data-manager-api";
const client = createDataManagerClient({ baseURL });
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe.each(Object.entries(entries))("every Data Manager operation, through the %s", (_, functions) => {
  const exercised = new Set<string>();
  it("the spec has the 93 operations of Data Manager API 5.0", () => {
    expect(operations).toHaveLength(93);
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
