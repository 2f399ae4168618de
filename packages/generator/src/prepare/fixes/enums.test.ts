import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { fixEnums } from "./enums.ts";

describe("fixes/enums", () => {
  it("expresses null as nullable, writes numeric strings as numbers, types string enums and drops unwritable ones", () => {
    const doc = {
      paths: {},
      components: {
        schemas: {
          Item: {
            type: "object",
            properties: {
              colour: { type: "string", enum: ["red", null] },
              level: { type: "integer", enum: ["1", 2] },
              kind: { enum: ["a", "b"] },
              quote: { type: "string", enum: ["it's"] },
            },
          },
        },
      },
    };
    const changes: Change[] = [];
    fixEnums(doc, changes);
    const p = doc.components.schemas.Item.properties as Record<string, Record<string, unknown>>;
    expect(p.colour).toEqual({ type: "string", enum: ["red"], nullable: true });
    expect(p.level).toEqual({ type: "integer", enum: [1, 2] });
    expect(p.kind).toEqual({ type: "string", enum: ["a", "b"] });
    expect(p.quote).toEqual({ type: "string" });
    expect(changes.every((c) => c.fix === "enum")).toBe(true);
    expect(changes).toHaveLength(4);
  });
});
