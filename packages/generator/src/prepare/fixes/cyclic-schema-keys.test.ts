import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { cyclicSchemas, fixCyclicSchemaKeys } from "./cyclic-schema-keys.ts";

describe("fixes/cyclic-schema-keys", () => {
  const doc = () => ({
    paths: {},
    components: {
      schemas: {
        "io.example.Node": { type: "object", properties: { next: { $ref: "#/components/schemas/io.example.Node" } } },
        Leaf: { type: "string" },
      },
    },
  });

  it("finds the schemas in a reference cycle", () => {
    expect([...cyclicSchemas(doc())]).toEqual(["io.example.Node"]);
  });

  it("renames a recursive schema whose key is not its type name", () => {
    const document = doc();
    const changes: Change[] = [];
    fixCyclicSchemaKeys(document, changes);
    expect(Object.keys(document.components.schemas)).toEqual(["IoExampleNode", "Leaf"]);
    expect(changes[0]?.message).toBe('"io.example.Node" is recursive: renamed to its type name "IoExampleNode"');
    expect(JSON.stringify(document)).toContain('"#/components/schemas/IoExampleNode"');
  });
});
