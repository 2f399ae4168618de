import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { fixDefaults } from "./defaults.ts";

describe("fixes/defaults", () => {
  it("converts defaults of the wrong type and drops those that cannot fit", () => {
    const doc = {
      paths: {},
      components: {
        schemas: {
          Query: {
            type: "object",
            properties: {
              limit: { type: "integer", default: "20" },
              flag: { type: "boolean", default: "false" },
              tags: { type: "array", default: "x" },
            },
          },
        },
      },
    };
    const changes: Change[] = [];
    fixDefaults(doc, changes);
    const p = doc.components.schemas.Query.properties as Record<string, Record<string, unknown>>;
    expect(p.limit?.default).toBe(20);
    expect(p.flag?.default).toBe(false);
    expect(p.tags && "default" in p.tags).toBe(false);
    expect(changes.map((c) => c.message)).toEqual([
      'default "20" written as 20',
      'default "false" written as false',
      'default "x" does not fit the schema: removed',
    ]);
  });
});
