// The stamps of `pnpm generate`: a service is skipped only while its inputs and
// generated files are what the stamp saw. The metadata shortcut must never hide a
// change, even one that keeps a file's size and modification time.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { demoService } from "../testing/demo-service.ts";
import type { Service } from "../types.ts";

const root = mkdtempSync(path.join(tmpdir(), "sciclients-stamps-"));
const service = demoService();
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};
const generated = "packages/demo-client/src/generated/endpoints/demo.ts";

/** The module as a new run of `pnpm generate` loads it (it reads the generator's files once per run). */
async function run() {
  vi.resetModules();
  return import("./stamps.ts");
}
const isUpToDate = async (s: Service = service) => (await run()).isUpToDate(s);
const writeStamp = async () => (await run()).writeStamp(service);
const previousDir = process.env.SCICLIENTS_GENERATOR_DIR;

beforeAll(async () => {
  // A repository in miniature: the spec, the generator's files and one client's code.
  write("specs/demo.yaml", "openapi: 3.0.3\n");
  write("scripts/generate.mjs", "// entry\n");
  write("packages/generator/launch.mjs", "// launcher\n");
  write("packages/generator/package.json", JSON.stringify({ dependencies: { orval: "7.13.2" } }));
  write("packages/generator/src/commands/generate.ts", "// command\n");
  write("packages/generator/src/pipeline.ts", "// pipeline\n");
  for (const folder of ["manifest", "prepare", "generate", "finish", "write"]) write(`packages/generator/src/${folder}/a.ts`, "// a\n");
  write("packages/demo-client/package.json", JSON.stringify({ exports: { ".": "./src/index.ts" } }));
  write(generated, "export const answer = 1;\n");
  write("packages/demo-client/src/generated/schema.ts", "export type A = string;\n");
  // src/paths.ts takes the repository from here when it is first loaded.
  process.env.SCICLIENTS_GENERATOR_DIR = path.join(root, "packages/generator");
});

afterAll(() => {
  if (previousDir === undefined) delete process.env.SCICLIENTS_GENERATOR_DIR;
  else process.env.SCICLIENTS_GENERATOR_DIR = previousDir;
  rmSync(root, { recursive: true, force: true });
});

const stampText = () => {
  const dir = path.join(root, "node_modules/.cache/sciclients-generate");
  const [file = ""] = readdirSync(dir);
  return readFileSync(path.join(dir, file), "utf8");
};

describe("write/stamps", () => {
  it("a service without a stamp is not up to date; with one, it is", async () => {
    expect(await isUpToDate()).toBe(false);
    await writeStamp();
    expect(await isUpToDate()).toBe(true);
    expect(await isUpToDate()).toBe(true);
  });

  it("a file touched with its contents unchanged is still up to date, and the stamp takes its new metadata", async () => {
    await writeStamp();
    const before = stampText();
    const later = new Date(Date.now() + 5_000);
    utimesSync(path.join(root, generated), later, later);
    expect(await isUpToDate()).toBe(true);
    expect(stampText()).not.toBe(before);
    expect(await isUpToDate()).toBe(true);
  });

  it("a hand edit of the same size and modification time is found", async () => {
    const file = path.join(root, generated);
    // A whole second, which utimes sets exactly (a tool restoring the time would do the same).
    const fixed = new Date("2026-01-01T00:00:00Z");
    utimesSync(file, fixed, fixed);
    await writeStamp();
    const before = statSync(file, { bigint: true });
    writeFileSync(file, "export const answer = 2;\n");
    utimesSync(file, fixed, fixed);
    const after = statSync(file, { bigint: true });
    expect([after.size, after.mtimeNs, after.ino]).toEqual([before.size, before.mtimeNs, before.ino]);
    expect(await isUpToDate()).toBe(false);
    writeFileSync(file, "export const answer = 1;\n");
  });

  it("a new or removed generated file, a changed spec, generator file or manifest entry is found", async () => {
    await writeStamp();
    write("packages/demo-client/src/generated/extra.ts", "\n");
    expect(await isUpToDate()).toBe(false);
    rmSync(path.join(root, "packages/demo-client/src/generated/extra.ts"));
    expect(await isUpToDate()).toBe(true);

    rmSync(path.join(root, "packages/demo-client/src/generated/schema.ts"));
    expect(await isUpToDate()).toBe(false);
    write("packages/demo-client/src/generated/schema.ts", "export type A = string;\n");
    expect(await isUpToDate()).toBe(true);

    write("specs/demo.yaml", "openapi: 3.0.4\n");
    expect(await isUpToDate()).toBe(false);
    write("specs/demo.yaml", "openapi: 3.0.3\n");
    expect(await isUpToDate()).toBe(true);

    write("packages/generator/src/finish/a.ts", "// b\n");
    expect(await isUpToDate()).toBe(false);
    write("packages/generator/src/finish/a.ts", "// a\n");
    expect(await isUpToDate()).toBe(true);

    expect(await isUpToDate({ ...service, queryKeyPrefix: "other" })).toBe(false);
  });
});
