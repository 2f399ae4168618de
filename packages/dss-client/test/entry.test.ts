// The package root (client, models, helpers) must work in Node scripts without
// React: its hand-written modules reach the API through the plain ./functions
// code, never through the hook modules, and import nothing from React.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as root from "@sciclients/dss-client";
import { describe, expect, it } from "vitest";

const src = path.join(import.meta.dirname, "../src");
const entryModules = readdirSync(src).filter((f) => f.endsWith(".ts") && f !== "mocks.ts");

describe("package root", () => {
  for (const file of entryModules) {
    it(`${file} imports neither React, React Query nor the hook modules`, () => {
      const specifiers = [...readFileSync(path.join(src, file), "utf8").matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
      expect(specifiers.length).toBeGreaterThan(0);
      expect(specifiers.filter((s) => /react|generated\/endpoints|msw|faker/.test(s ?? ""))).toEqual([]);
    });
  }

  it("exports the helpers and their error types", () => {
    for (const name of [
      "createDssClient",
      "listProjectKeys",
      "waitForFuture",
      "runJobAndWait",
      "runScenarioAndWait",
      "streamDatasetRows",
      "parseTsvRows",
      "listManagedFolderFiles",
      "putManagedFolderFile",
      "streamManagedFolderFile",
      "streamSqlQuery",
      "exportProjectArchive",
      "importProjectArchive",
      "runMacroAndWait",
      "trainMlTaskAndWait",
      "DssProjectImportError",
      "DssMacroError",
      "DssMlTrainingError",
      "DssFutureError",
      "DssJobError",
      "DssScenarioRunError",
      "DssRowStreamError",
      "ApiError",
      "isApiError",
    ]) {
      // biome-ignore lint/performance/noDynamicNamespaceImportAccess: the test checks the entry's exports by name.
      expect(root[name as keyof typeof root], name).toBeTypeOf("function");
    }
  });
});
