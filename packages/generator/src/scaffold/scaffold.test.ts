import { describe, expect, it } from "vitest";
import { demoService } from "../testing/demo-service.ts";
import { scaffoldFiles, type ToolVersions } from "./scaffold.ts";

const service = demoService("example");
const versions = Object.fromEntries(
  ["faker", "reactQuery", "testingLibraryDom", "testingLibraryReact", "typesReact", "axios", "jsdom", "msw", "react", "tsup", "vitest"].map(
    (tool) => [tool, "1.0.0"],
  ),
) as unknown as ToolVersions;
const typecheckScript = (options: { largeSpec?: boolean }) =>
  JSON.parse(scaffoldFiles(service, versions, options)["package.json"] as string).scripts.typecheck;

describe("scaffold/scaffold", () => {
  it("a package's typecheck script: tsc, or for a very large API the generator's command that checks with TypeScript 7", () => {
    expect(typecheckScript({})).toBe("tsc --noEmit -p tsconfig.json");
    expect(typecheckScript({ largeSpec: true })).toBe("node ../../scripts/typecheck.mjs");
  });
});
