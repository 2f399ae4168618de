// Our spec has exactly the operations of the official client
// @squonk/account-server-client 4.4.0: same methods, paths and function names.
import { createRequire } from "node:module";
import path from "node:path";
import { compareOperationSets, listOperations, loadSpec, operationsOfOrvalClient } from "@sciclients/test-utils";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const officialRoot = path.dirname(require.resolve("@squonk/account-server-client/package.json"));
const official = operationsOfOrvalClient(path.join(officialRoot, "src/api"));
const ours = listOperations(loadSpec(path.join(import.meta.dirname, "../../../specs/account-server.yaml")));

describe("operation set vs @squonk/account-server-client 4.4.0", () => {
  it("reads all 54 operations of the official client", () => {
    expect(official).toHaveLength(54);
    expect(require("@squonk/account-server-client/package.json").version).toBe("4.4.0");
  });

  it("has the same method, path and operationId for every operation", () => {
    expect(compareOperationSets(ours, official)).toEqual({ onlyOurs: [], onlyTheirs: [] });
  });
});
