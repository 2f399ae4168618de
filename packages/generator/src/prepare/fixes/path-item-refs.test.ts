import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { inlinePathItemRefs } from "./path-item-refs.ts";

describe("fixes/path-item-refs", () => {
  it("copies a path item given as a $ref in place", () => {
    const shared = { get: { operationId: "listPets", responses: { 200: { description: "ok" } } } };
    const doc = { paths: { "/pets": { $ref: "#/x-items/pets" } }, "x-items": { pets: shared } };
    const changes: Change[] = [];
    inlinePathItemRefs(doc, changes);
    expect(doc.paths["/pets"]).toEqual(shared);
    expect(changes).toEqual([{ fix: "path-item-ref", pointer: "/paths/~1pets", message: "path item #/x-items/pets copied in place" }]);
  });
});
