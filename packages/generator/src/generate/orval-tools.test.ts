import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Module } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { requireTool } from "../paths.ts";
import { LINTER_STAND_INS, orval, orvalCore } from "./orval-tools.ts";

const out = mkdtempSync(path.join(tmpdir(), "sciclients-orval-tools-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const document = {
  openapi: "3.0.3",
  info: { title: "Pets", version: "1" },
  paths: {
    "/pets/{id}": {
      get: {
        operationId: "getPet",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "a pet",
            content: { "application/json": { schema: { type: "object", properties: { name: { type: "string" } } } } },
          },
        },
      },
    },
  },
};

describe("generate/orval-tools", () => {
  it("loads @orval/core with stand-ins for its linter modules, which refuse to validate and say why", () => {
    const { pascal } = orvalCore();
    expect(pascal("get pet")).toBe("GetPet");
    const coreRequire = Module.createRequire(requireTool.resolve("@orval/core"));
    for (const name of Object.keys(LINTER_STAND_INS)) {
      const cached = coreRequire.cache[coreRequire.resolve(name)];
      expect(cached?.loaded, name).toBe(true);
    }
    const spectral = coreRequire.cache[coreRequire.resolve("@stoplight/spectral-core")]?.exports as { Spectral: new () => unknown };
    expect(() => new spectral.Spectral()).toThrow(/input\.validation false/);
    expect(coreRequire.cache[coreRequire.resolve("@ibm-cloud/openapi-ruleset")]?.exports).toEqual({});
  });

  it("orval generates with them as long as validation is off", async () => {
    const target = path.join(out, "pets.ts");
    await orval().generate(
      { input: { target: structuredClone(document), validation: false }, output: { target, client: "axios-functions", prettier: false } },
      out,
      { projectName: "pets" },
    );
    expect(existsSync(target)).toBe(true);
    expect(readFileSync(target, "utf8")).toContain("export const getPet");
  });
});
