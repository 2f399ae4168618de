import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { fixAliasCycles } from "./alias-cycles.ts";

describe("fixes/alias-cycles", () => {
  it("makes the reference that closes an alias loop any value", () => {
    const doc = {
      paths: {},
      components: { schemas: { Ping: { $ref: "#/components/schemas/Pong" }, Pong: { allOf: [{ $ref: "#/components/schemas/Ping" }] } } },
    };
    const changes: Change[] = [];
    fixAliasCycles(doc, changes);
    expect(doc.components.schemas).toEqual({ Ping: { $ref: "#/components/schemas/Pong" }, Pong: { allOf: [{}] } });
    expect(changes).toEqual([
      {
        fix: "alias-cycle",
        pointer: "/components/schemas/Pong",
        message: '"Pong" is an alias of itself (through "Ping"): that reference made any value',
      },
    ]);
  });
});
