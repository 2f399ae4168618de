import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { fixPathParameters } from "./path-parameters.ts";

describe("fixes/path-parameters", () => {
  it("declares missing path parameters, drops extra ones, makes them required without defaults, adds a response", () => {
    const doc = {
      paths: {
        "/pets/{petId}": {
          get: {
            parameters: [
              { name: "other", in: "path", required: true, schema: { type: "string" } },
              { name: "limit", in: "query", schema: { type: "integer" } },
            ],
            responses: { 200: { description: "ok" } },
          },
          delete: { parameters: [{ name: "petId", in: "path", schema: { type: "string", default: "x" } }] },
        },
      },
    };
    const changes: Change[] = [];
    fixPathParameters(doc, changes);
    const item = doc.paths["/pets/{petId}"];
    expect(item.get.parameters).toEqual([
      { name: "limit", in: "query", schema: { type: "integer" } },
      { name: "petId", in: "path", required: true, schema: { type: "string" } },
    ]);
    expect(item.delete.parameters).toEqual([{ name: "petId", in: "path", required: true, schema: { type: "string" } }]);
    expect((item.delete as Record<string, unknown>).responses).toEqual({ default: { description: "No response documented" } });
    expect(changes.map((c) => c.fix)).toEqual(["path-parameter", "path-parameter", "responses", "path-parameter", "path-parameter"]);
  });
});
