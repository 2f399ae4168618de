import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { fixAllOfRequired } from "./allof-required.ts";

describe("fixes/allof-required", () => {
  it("drops required keys that no allOf member declares", () => {
    const doc = {
      paths: {},
      components: {
        schemas: {
          Base: { type: "object", properties: { id: { type: "string" } } },
          Pet: { allOf: [{ $ref: "#/components/schemas/Base" }], required: ["id", "name"] },
        },
      },
    };
    const changes: Change[] = [];
    fixAllOfRequired(doc, changes);
    expect(doc.components.schemas.Pet.required).toEqual(["id"]);
    expect(changes).toEqual([
      {
        fix: "allof-required",
        pointer: "/components/schemas/Pet/required",
        message: 'required "name" declared by no allOf member: dropped',
      },
    ]);
  });
});
