import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { fixBodySchemas } from "./body-schemas.ts";

describe("fixes/body-schemas", () => {
  it("gives a body without a schema the one its media type implies, and records each", () => {
    const doc = {
      paths: {
        "/documents/1": { delete: { operationId: "deleteOne", requestBody: { content: { "text/plain": { example: "" } } } } },
        "/settings/distinct": {
          put: { operationId: "setDistinct", requestBody: { content: { "application/octet-stream": { example: "title" } } } },
        },
      },
      components: { requestBodies: { Any: { content: { "application/json": {} } } } },
    };
    const changes: Change[] = [];
    fixBodySchemas(doc, changes);
    expect(doc.paths["/documents/1"].delete.requestBody.content["text/plain"]).toEqual({ example: "", schema: { type: "string" } });
    expect(doc.paths["/settings/distinct"].put.requestBody.content["application/octet-stream"]).toEqual({
      example: "title",
      schema: { type: "string", format: "binary" },
    });
    expect(doc.components.requestBodies.Any.content["application/json"]).toEqual({ schema: {} });
    expect(changes.map((c) => [c.fix, c.pointer])).toEqual([
      ["body-schema", "/paths/~1documents~11/delete/requestBody/content/text~1plain"],
      ["body-schema", "/paths/~1settings~1distinct/put/requestBody/content/application~1octet-stream"],
      ["body-schema", "/components/requestBodies/Any/content/application~1json"],
    ]);
    expect(changes[0]?.message).toBe("a text/plain body without a schema: a string");
  });

  it("leaves bodies with schemas and form bodies (fixes/form-bodies.ts) alone", () => {
    const doc = {
      paths: {
        "/a": {
          post: {
            operationId: "a",
            requestBody: { content: { "application/json": { schema: { type: "object" } }, "multipart/form-data": {} } },
          },
        },
      },
    };
    const before = structuredClone(doc);
    const changes: Change[] = [];
    fixBodySchemas(doc, changes);
    expect(doc).toEqual(before);
    expect(changes).toEqual([]);
  });
});
