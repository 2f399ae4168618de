// The memo of orval's per-operation mutator work (generate/mutator-memo.ts): while
// the call runs, a listed mutator file is read once and the same source parsed once;
// other files and callers go through, and everything is restored afterwards.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Module } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { requireTool } from "../paths.ts";
import { prebundleMutators, withMutatorMemo } from "./mutator-memo.ts";
import { orvalCore } from "./orval-tools.ts";

const coreRequire = Module.createRequire(requireTool.resolve("@orval/core"));
const acorn = coreRequire("acorn") as { Parser: { parse: (input: string, options: object) => unknown } };
const fsExtra = coreRequire("fs-extra") as { readFile: (file: string, encoding: string) => Promise<string> };

const dir = mkdtempSync(path.join(tmpdir(), "sciclients-mutator-memo-"));
const mutator = path.join(dir, "http.ts");
const other = path.join(dir, "other.ts");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("generate/mutator-memo", () => {
  it("reads a listed mutator once and parses the same source once while the call runs", async () => {
    writeFileSync(mutator, "exports.request = (a, b) => a;\n");
    writeFileSync(other, "one\n");
    await withMutatorMemo([mutator], async () => {
      const first = await fsExtra.readFile(mutator, "utf8");
      writeFileSync(mutator, "changed\n");
      expect(await fsExtra.readFile(mutator, "utf8")).toBe(first);
      // Not a mutator: read as it is now.
      expect(await fsExtra.readFile(other, "utf8")).toBe("one\n");
      writeFileSync(other, "two\n");
      expect(await fsExtra.readFile(other, "utf8")).toBe("two\n");

      const tree = acorn.Parser.parse(first, { ecmaVersion: 2022 });
      expect(acorn.Parser.parse(first, { ecmaVersion: 2022 })).toBe(tree);
      expect(acorn.Parser.parse(first, { ecmaVersion: 6 })).not.toBe(tree);
      expect(() => acorn.Parser.parse("const = ;", { ecmaVersion: 2022 })).toThrow();
    });
    // Afterwards every read and parse is fresh again.
    expect(await fsExtra.readFile(mutator, "utf8")).toBe("changed\n");
    const source = "const a = 1;";
    expect(acorn.Parser.parse(source, { ecmaVersion: 2022 })).not.toBe(acorn.Parser.parse(source, { ecmaVersion: 2022 }));
  });

  it("restores both functions when the call fails", async () => {
    const { parse } = acorn.Parser;
    const { readFile } = fsExtra;
    await expect(
      withMutatorMemo([mutator], async () => {
        throw new Error("orval failed");
      }),
    ).rejects.toThrow("orval failed");
    expect(acorn.Parser.parse).toBe(parse);
    expect(fsExtra.readFile).toBe(readFile);
  });

  it("bundles the mutators into orval's cache ahead of orval, unless orval would pass a tsconfig", async () => {
    const { loadFile } = orvalCore();
    const options = (root: string) => ({ isDefault: false, root, load: false });
    const plain = path.join(dir, "plain");
    mkdirSync(plain);
    const ahead = path.join(plain, "ahead.ts");
    writeFileSync(ahead, "export const request = (a: number, b: number) => a + b;\n");
    await prebundleMutators([ahead, ahead], path.join(plain, "spec.yaml"));
    expect(await loadFile(ahead, options(path.join(plain, "spec.yaml")))).toMatchObject({ cached: true });

    // Where orval would find a tsconfig.json (and pass its options to the bundler), orval bundles on its own.
    const configured = path.join(dir, "configured");
    mkdirSync(configured);
    writeFileSync(path.join(configured, "tsconfig.json"), "{}\n");
    const left = path.join(configured, "left.ts");
    writeFileSync(left, "export const request = (a: number) => a;\n");
    await prebundleMutators([left], path.join(configured, "spec.yaml"));
    expect(await loadFile(left, options(path.join(configured, "spec.yaml")))).not.toHaveProperty("cached");
  });
});
