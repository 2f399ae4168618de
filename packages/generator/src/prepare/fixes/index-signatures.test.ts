import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { fixIndexSignatures } from "./index-signatures.ts";

describe("fixes/index-signatures", () => {
  it("makes typed additional properties beside named ones any value", () => {
    const doc = {
      paths: {},
      components: {
        schemas: { Labels: { type: "object", properties: { name: { type: "string" } }, additionalProperties: { type: "integer" } } },
      },
    };
    const changes: Change[] = [];
    fixIndexSignatures(doc, changes);
    expect(doc.components.schemas.Labels.additionalProperties).toBe(true);
    expect(changes).toEqual([
      {
        fix: "additional-properties",
        pointer: "/components/schemas/Labels/additionalProperties",
        message: "typed additional properties beside named ones: made any value",
      },
    ]);
  });
});
