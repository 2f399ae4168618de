// Each client's turbo.json is derived from its manifest entry (packages/generator/src/scaffold/scaffold.ts),
// written by `pnpm generate` and compared by `pnpm check:drift`: no hand-kept copies.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadServices } from "../../generator/src/manifest/services.ts";
import { turboConfig } from "../../generator/src/scaffold/scaffold.ts";
import { repoRoot } from "../lib/workspace.mjs";

describe("client turbo.json from specs/services.yaml", () => {
  it("every committed client turbo.json is the one its manifest entry gives", async () => {
    const services = await loadServices(repoRoot);
    expect(services.length).toBeGreaterThanOrEqual(5);
    for (const service of services) {
      const committed = readFileSync(path.join(repoRoot, service.directory, "turbo.json"), "utf8");
      expect(committed, service.directory).toBe(turboConfig(service));
    }
  });

  it("a service's testInputs become test inputs, its spec a generate input", () => {
    const config = JSON.parse(
      turboConfig({ name: "x", directory: "packages/x-client", spec: "specs/x.yaml", testInputs: ["specs/reference/x.tsv"] }),
    );
    expect(config.tasks.generate.inputs[0]).toBe("$TURBO_ROOT$/specs/x.yaml");
    expect(config.tasks.test.inputs).toContain("$TURBO_ROOT$/specs/reference/x.tsv");
    expect(config.extends).toEqual(["//"]);
  });

  it("a testInputs entry that is not a relative path is refused, naming the service and key", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "sciclients-manifest-"));
    mkdirSync(path.join(root, "specs"));
    writeFileSync(
      path.join(root, "specs/services.yaml"),
      "services:\n  x:\n    title: X\n    spec: specs/x.yaml\n    package: '@s/x'\n    directory: packages/x\n    queryKeyPrefix: x\n    testInputs: [/etc/passwd]\n",
    );
    await expect(loadServices(root)).rejects.toThrow(/services\.x\.testInputs must be a list of paths relative to the repository root/);
  });
});
