import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { fixTextResponses } from "./text-responses.ts";

describe("fixes/text-responses", () => {
  it("declares a text/plain response with an object schema as JSON, and leaves real text alone", () => {
    const doc = {
      paths: {
        "/a": {
          get: {
            responses: {
              200: { description: "ok", content: { "text/plain": { schema: { type: "object", properties: { n: { type: "integer" } } } } } },
              201: { description: "log", content: { "text/plain": { schema: { type: "string" } } } },
            },
          },
        },
      },
    };
    const changes: Change[] = [];
    fixTextResponses(doc, changes);
    expect(Object.keys(doc.paths["/a"].get.responses[200].content)).toEqual(["application/json"]);
    expect(Object.keys(doc.paths["/a"].get.responses[201].content)).toEqual(["text/plain"]);
    expect(changes).toEqual([
      {
        fix: "text-response",
        pointer: "/paths/~1a/get/responses/200/content/text~1plain",
        message: "text/plain response with an object or array schema declared as application/json",
      },
    ]);
  });
});
