import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { fixFormBodies } from "./form-bodies.ts";

describe("fixes/form-bodies", () => {
  it("makes form bodies objects; a bare binary body becomes the field `file`", () => {
    const doc = {
      paths: {
        "/a": { post: { requestBody: { content: { "multipart/form-data": { schema: { properties: { x: { type: "string" } } } } } } } },
        "/b": { put: { requestBody: { content: { "multipart/form-data": { schema: { type: "string", format: "binary" } } } } } },
      },
    };
    const changes: Change[] = [];
    fixFormBodies(doc, changes);
    expect(doc.paths["/a"].post.requestBody.content["multipart/form-data"].schema).toEqual({
      type: "object",
      properties: { x: { type: "string" } },
    });
    expect(doc.paths["/b"].put.requestBody.content["multipart/form-data"].schema).toEqual({
      type: "object",
      properties: { file: { type: "string", format: "binary" } },
      required: ["file"],
    });
    expect(changes.map((c) => c.message)).toEqual([
      'form fields without "type: object": type added',
      'a string body sent as form field "file"',
    ]);
  });
});
