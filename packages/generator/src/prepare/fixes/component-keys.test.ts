import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { fixComponentKeys } from "./component-keys.ts";

describe("fixes/component-keys", () => {
  it("renames response components whose keys are no identifiers, and every $ref to them", () => {
    const doc = {
      paths: { "/a": { get: { responses: { 400: { $ref: "#/components/responses/400" } } } } },
      components: { responses: { 400: { description: "bad" } } },
    };
    const changes: Change[] = [];
    fixComponentKeys(doc, changes);
    expect(doc.components.responses).toEqual({ Status400: { description: "bad" } });
    expect(doc.paths["/a"].get.responses[400]).toEqual({ $ref: "#/components/responses/Status400" });
    expect(changes).toEqual([
      { fix: "component-name", pointer: "/components/responses/400", message: '"400" is no identifier: renamed "Status400"' },
    ]);
  });
});
