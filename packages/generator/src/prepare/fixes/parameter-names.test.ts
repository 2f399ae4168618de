import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { fixParameterNames } from "./parameter-names.ts";

describe("fixes/parameter-names", () => {
  it("renames a path parameter that is the same identifier as another once camelCased", () => {
    const doc = {
      paths: {
        "/users/{user-id}/{user_id}": {
          get: {
            parameters: [
              { name: "user-id", in: "path", required: true, schema: { type: "string" } },
              { name: "user_id", in: "path", required: true, schema: { type: "string" } },
            ],
          },
        },
      },
    };
    const changes: Change[] = [];
    fixParameterNames(doc, changes);
    expect(Object.keys(doc.paths)).toEqual(["/users/{user-id}/{userId2}"]);
    const params = (doc.paths as Record<string, { get: { parameters: { name: string }[] } }>)["/users/{user-id}/{userId2}"]?.get.parameters;
    expect(params?.map((p) => p.name)).toEqual(["user-id", "userId2"]);
    expect(changes).toEqual([
      {
        fix: "parameter-name",
        pointer: "/paths/~1users~1{user-id}~1{user_id}",
        message: 'path parameters "user_id" and another are one identifier: "user_id" renamed "userId2"',
      },
    ]);
  });
});
