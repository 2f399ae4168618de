// What each public entry pulls in: the plain functions and the root entry must
// run in Node scripts without React; mocks must stay out of everything else.
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const pkg = path.join(import.meta.dirname, "..");

/** The files an entry's import graph reaches, as esbuild resolves them for a consumer. */
async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(pkg, entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    conditions: ["@sciclients/source"],
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs);
}

describe("entry points", () => {
  it("./functions and the root entry load neither React nor React Query", async () => {
    for (const entry of ["src/generated/functions.ts", "src/index.ts"]) {
      const inputs = await inputsOf(entry);
      expect(inputs.some((file) => file.includes("generated/functions/project/project.ts") || file.includes("generated/model"))).toBe(true);
      expect(inputs.filter((file) => /node_modules\/(\.pnpm\/)?(react|@tanstack)/.test(file))).toEqual([]);
    }
  });

  it("tag entries with hooks load React Query, and no entry but ./mocks loads MSW or faker", async () => {
    const hooks = await inputsOf("src/generated/endpoints/project/project.ts");
    expect(hooks.some((file) => file.includes("@tanstack/react-query"))).toBe(true);
    for (const entry of ["src/index.ts", "src/generated/functions.ts", "src/generated/endpoints/project/project.ts"]) {
      expect((await inputsOf(entry)).filter((file) => /msw|faker/.test(file))).toEqual([]);
    }
    expect((await inputsOf("src/mocks.ts")).some((file) => file.includes("@faker-js"))).toBe(true);
  });
});
