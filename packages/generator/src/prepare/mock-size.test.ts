import { describe, expect, it } from "vitest";
import { MOCK_NODE_LIMIT, oversizedMocks } from "./mock-size.ts";
import { minimalMockOverrides } from "./mocks.ts";

/** `count` schemas, each with a property referring to every one of the others (a chart of shapes of frames of …). */
function meshOfSchemas(count: number) {
  const names = Array.from({ length: count }, (_, i) => `Part${i}`);
  const schemas = Object.fromEntries(
    names.map((name) => [
      name,
      {
        type: "object",
        properties: Object.fromEntries(
          names.filter((n) => n !== name).map((n) => [n.toLowerCase(), { $ref: `#/components/schemas/${n}` }]),
        ),
      },
    ]),
  );
  return schemas;
}

const answer = (schema: unknown) => ({ "200": { description: "ok", content: { "application/json": { schema } } } });

describe("prepare/mock-size", () => {
  it("finds the operations whose faker mock would inline more than the limit, by their answers", () => {
    const doc = {
      openapi: "3.0.3",
      paths: {
        "/charts/{id}": { get: { operationId: "getChart", responses: answer({ $ref: "#/components/schemas/Part0" }) } },
        "/charts": { get: { operationId: "listCharts", responses: { default: { $ref: "#/components/responses/Charts" } } } },
        "/ping": { get: { operationId: "ping", responses: answer({ type: "object", properties: { ok: { type: "boolean" } } }) } },
        // Only error answers refer to the mesh: orval mocks successes only.
        "/broken": {
          get: {
            operationId: "broken",
            responses: { "200": { description: "ok" }, "500": answer({ $ref: "#/components/schemas/Part1" })["200"] },
          },
        },
      },
      components: {
        schemas: meshOfSchemas(12),
        responses: {
          Charts: {
            description: "ok",
            content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Part2" } } } },
          },
        },
      },
    };
    expect(oversizedMocks(doc)).toEqual([
      { operationId: "getChart", pointer: "/paths/~1charts~1{id}/get" },
      { operationId: "listCharts", pointer: "/paths/~1charts/get" },
    ]);
  });

  it("leaves recursive schemas of ordinary size alone: a reference already on the way is not followed again", () => {
    const doc = {
      openapi: "3.0.3",
      paths: { "/tree": { get: { operationId: "getTree", responses: answer({ $ref: "#/components/schemas/Node" }) } } },
      components: {
        schemas: {
          Node: {
            type: "object",
            properties: { children: { type: "array", items: { $ref: "#/components/schemas/Node" } }, ...meshOfSchemas(4) },
          },
        },
      },
    };
    expect(oversizedMocks(doc)).toEqual([]);
    // A small mesh is counted exactly: the limit decides.
    const small = {
      openapi: "3.0.3",
      paths: { "/m": { get: { operationId: "m", responses: answer({ $ref: "#/components/schemas/Part0" }) } } },
      components: { schemas: meshOfSchemas(5) },
    };
    expect(oversizedMocks(small, 100)).toHaveLength(1);
    expect(oversizedMocks(small, 1_000)).toHaveLength(0);
    expect(MOCK_NODE_LIMIT).toBeGreaterThan(4_206); // GitHub's largest answer
  });

  it("stops orval's walk of an oversized operation's schema at the top, and only of those", () => {
    const overrides = minimalMockOverrides(["brokenTypes"], ["getChart"]) as {
      operations: Record<string, { mock: Record<string, unknown> }>;
    };
    expect(Object.keys(overrides.operations)).toEqual(["brokenTypes", "getChart"]);
    expect(Object.keys(overrides.operations.getChart?.mock ?? {})).toEqual(["data", "properties"]);
    expect(Object.keys((overrides.operations.getChart?.mock.properties as object) ?? {})).toEqual(["/.*/"]);
    expect(Object.keys(overrides.operations.brokenTypes?.mock ?? {})).toEqual(["data"]);
    expect(String(overrides.operations.getChart?.mock.data)).toBe("() => (/* minimal mock */ {})");
    expect(minimalMockOverrides([], [])).toEqual({});
  });
});
