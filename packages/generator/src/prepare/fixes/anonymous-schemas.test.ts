import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { nameAnonymousSchemas } from "./anonymous-schemas.ts";

describe("fixes/anonymous-schemas", () => {
  it("gives an inline enum whose orval name is taken a component of its own", () => {
    const doc = {
      paths: {},
      components: {
        schemas: {
          Item: { type: "object", properties: { state: { type: "string", enum: ["open", "closed"] } } },
          ItemState: { type: "string" },
        },
      },
    };
    const changes: Change[] = [];
    nameAnonymousSchemas(doc, changes);
    const schemas = doc.components.schemas as Record<string, unknown>;
    expect(schemas.ItemState2).toEqual({ type: "string", enum: ["open", "closed"] });
    expect(doc.components.schemas.Item.properties.state).toEqual({ $ref: "#/components/schemas/ItemState2" });
    expect(changes).toEqual([
      {
        fix: "anonymous-schema",
        pointer: "/components/schemas/Item/properties/state",
        message: 'inline schema named "ItemState2" (ItemState is taken)',
      },
    ]);
  });
});
