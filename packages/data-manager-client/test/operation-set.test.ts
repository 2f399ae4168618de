// Our spec has exactly the operations of the official client
// @squonk/data-manager-client 5.0.1: same methods, paths and function names.
import { createRequire } from "node:module";
import path from "node:path";
import { compareOperationSets, listOperations, loadSpec, operationsOfOrvalClient } from "@sciclients/test-utils";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const officialRoot = path.dirname(require.resolve("@squonk/data-manager-client/package.json"));
const official = operationsOfOrvalClient(path.join(officialRoot, "src/api"));
const ours = listOperations(loadSpec(path.join(import.meta.dirname, "../../../specs/data-manager.yaml")));

describe("operation set vs @squonk/data-manager-client 5.0.1", () => {
  it("reads all 93 operations of the official client", () => {
    expect(official).toHaveLength(93);
    expect(require("@squonk/data-manager-client/package.json").version).toBe("5.0.1");
  });

  it("has the same method, path and operationId for every operation", () => {
    expect(compareOperationSets(ours, official)).toEqual({ onlyOurs: [], onlyTheirs: [] });
  });
});
