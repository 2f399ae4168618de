import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { hoistDeepRefs } from "./deep-refs.ts";

describe("fixes/deep-refs", () => {
  it("moves the target of a $ref into a schema's property to a named component", () => {
    const doc = {
      paths: {},
      components: {
        schemas: {
          Pet: { type: "object", properties: { owner: { type: "object", properties: { name: { type: "string" } } } } },
          Shop: { type: "object", properties: { owner: { $ref: "#/components/schemas/Pet/properties/owner" } } },
        },
      },
    };
    const changes: Change[] = [];
    hoistDeepRefs(doc, changes);
    const schemas = doc.components.schemas as Record<string, unknown>;
    expect(schemas.PetOwner).toEqual({ type: "object", properties: { name: { type: "string" } } });
    expect(doc.components.schemas.Pet.properties.owner).toEqual({ $ref: "#/components/schemas/PetOwner" });
    expect(doc.components.schemas.Shop.properties.owner).toEqual({ $ref: "#/components/schemas/PetOwner" });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      fix: "deep-ref",
      message: "#/components/schemas/Pet/properties/owner moved to #/components/schemas/PetOwner",
    });
  });
});
