import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { PreparedDocument } from "../types.ts";
import { type Compiler, nativeCompiler, selectCompiler } from "./compiler.ts";
import { findBrokenMocks, parseTscOutput } from "./mocks.ts";

const native = nativeCompiler();

describe("prepare/compiler", () => {
  it("finds TypeScript 7's binary of this platform by path (not through .bin, where TypeScript 5's tsc is)", () => {
    if ("missing" in native) throw new Error(`expected the native compiler on ${process.platform}-${process.arch}: ${native.missing}`);
    expect(native.version).toBe("7.0.2");
    expect(native.exe).toMatch(new RegExp(`@typescript[/+]typescript-${process.platform}-${process.arch}`));
    expect(selectCompiler({})).toEqual({ kind: "native", ...native });
  });

  it("names what is missing: the platform package, or typescript-native itself", () => {
    const plan9 = nativeCompiler({ platform: "plan9", arch: "mips" });
    expect(plan9).toEqual({ missing: expect.stringContaining("@typescript/typescript-plan9-mips") });
    // (A folder without it would still find it: pnpm's NODE_PATH reaches the hoisted packages.)
    expect(nativeCompiler({ alias: "typescript-native-absent" })).toEqual({
      missing: expect.stringContaining("typescript-native-absent (TypeScript 7) is not installed"),
    });
  });

  it("falls back to TypeScript 5 with the reason; SCICLIENTS_TSC=5 asks for it, SCICLIENTS_TSC=7 refuses the fallback", () => {
    const missing = () => ({ missing: "no binary here" });
    expect(selectCompiler({}, missing)).toEqual({ kind: "typescript", version: "5.9.3", reason: "no binary here" });
    expect(selectCompiler({ SCICLIENTS_TSC: "5" })).toEqual({ kind: "typescript", version: "5.9.3" });
    expect(() => selectCompiler({ SCICLIENTS_TSC: "7" }, missing)).toThrow("SCICLIENTS_TSC=7: no binary here");
  });

  it("reads tsc --pretty false output: located and global errors, without the indented lines of a message chain", () => {
    const output = [
      "src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
      "  Some detail of the chain.",
      "error TS5083: Cannot read file '/x/tsconfig.base.json'.",
      "",
      "Found 2 errors in the same file, starting at: src/a.ts:3",
    ].join("\n");
    expect(parseTscOutput(output, "/pkg")).toEqual([
      { file: "/pkg/src/a.ts", line: 3, column: 7, code: 2322, message: "Type 'string' is not assignable to type 'number'." },
      { line: 1, column: 1, code: 5083, message: "Cannot read file '/x/tsconfig.base.json'." },
    ]);
  });
});

// A package with a broken mock (of getPet), a helper it shares with listPets, and an
// error outside the mocks: both compilers must say the same about it.
// Each test type-checks small packages with both compilers, TypeScript 5 in this process
// (its standard library first): seconds alone, over 30 s when CI runs every package's
// tests at once. A generous limit, not a measure of speed.
describe("prepare/mocks: findBrokenMocks with either compiler", { timeout: 240_000 }, () => {
  const pkg = mkdtempSync(path.join(tmpdir(), "compiler-pkg-"));
  afterAll(() => rmSync(pkg, { recursive: true, force: true }));
  mkdirSync(path.join(pkg, "src"));
  writeFileSync(
    path.join(pkg, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", types: [], noEmit: true },
      include: ["src"],
    }),
  );
  writeFileSync(
    path.join(pkg, "src/pets.msw.ts"),
    [
      "export const getGetPetResponseMock = (): { id: number } => ({ id: 'one' });",
      "export const getListPetsResponseMock = (): { id: number }[] => [getGetPetResponseMock()];",
      "export const getPingResponseMock = (): { ok: boolean } => ({ ok: true });",
      "",
    ].join("\n"),
  );
  writeFileSync(path.join(pkg, "src/index.ts"), "export const answer: number = 'forty-two';\n");
  const document = {
    openapi: "3.0.3",
    info: { title: "pets", version: "1" },
    paths: {
      "/pets/{id}": { get: { operationId: "getPet", responses: {} } },
      "/pets": { get: { operationId: "listPets", responses: {} } },
      "/ping": { get: { operationId: "ping", responses: {} } },
    },
  } as unknown as PreparedDocument;

  it("TypeScript 5 and TypeScript 7 find the same broken mocks and the same errors, word for word", async () => {
    if ("missing" in native) throw new Error(native.missing);
    const five = await findBrokenMocks(pkg, document, undefined, selectCompiler({ SCICLIENTS_TSC: "5" }));
    const seven = await findBrokenMocks(pkg, document, undefined, { kind: "native", ...native } satisfies Compiler);
    expect(five.broken).toEqual(["getPet", "listPets"]);
    expect(five.elsewhere).toEqual(["src/index.ts(1,14): error TS2322: Type 'string' is not assignable to type 'number'."]);
    expect(five.errors.getPet).toEqual([expect.stringMatching(/^src\/pets\.msw\.ts\(1,\d+\): error TS2322: /)]);
    expect(seven).toEqual(five);
  });

  it("a package without node_modules resolves modules from the lender's, with either compiler; TypeScript 7's borrowed link goes after the run", async () => {
    if ("missing" in native) throw new Error(native.missing);
    const dir = mkdtempSync(path.join(tmpdir(), "compiler-lent-"));
    try {
      const borrower = path.join(dir, "borrower");
      const lent = path.join(dir, "lender/node_modules");
      mkdirSync(path.join(borrower, "src"), { recursive: true });
      mkdirSync(path.join(lent, "lent"), { recursive: true });
      writeFileSync(path.join(lent, "lent/package.json"), JSON.stringify({ name: "lent", version: "1.0.0", types: "index.d.ts" }));
      writeFileSync(path.join(lent, "lent/index.d.ts"), "export declare const lent: number;\n");
      writeFileSync(path.join(borrower, "tsconfig.json"), readFileSync(path.join(pkg, "tsconfig.json")));
      writeFileSync(path.join(borrower, "src/index.ts"), 'import { lent } from "lent";\nexport const twice: number = lent * 2;\n');
      const five = await findBrokenMocks(borrower, document, lent, selectCompiler({ SCICLIENTS_TSC: "5" }));
      const seven = await findBrokenMocks(borrower, document, lent, { kind: "native", ...native });
      expect(five).toEqual({ broken: [], errors: {}, elsewhere: [] });
      expect(seven).toEqual(five);
      expect(existsSync(path.join(borrower, "node_modules"))).toBe(false);
      // Without the lender the module is missing, for both alike.
      const alone = await findBrokenMocks(borrower, document, undefined, { kind: "native", ...native });
      expect(alone.elsewhere).toEqual([expect.stringContaining("error TS2307: Cannot find module 'lent'")]);
      expect(await findBrokenMocks(borrower, document, undefined, selectCompiler({ SCICLIENTS_TSC: "5" }))).toEqual(alone);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
