// The `typecheck` script of very large packages, run as pnpm runs it: in the
// package's folder, through scripts/typecheck.mjs, with each compiler.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../paths.ts";

const dir = mkdtempSync(path.join(tmpdir(), "sciclients-typecheck-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  path.join(dir, "tsconfig.json"),
  JSON.stringify({
    compilerOptions: { strict: true, target: "es2022", module: "esnext", moduleResolution: "bundler", types: [] },
    include: ["*.ts"],
  }),
);

function typecheck(source: string, compiler: "5" | "7") {
  writeFileSync(path.join(dir, "index.ts"), source);
  const result = spawnSync(process.execPath, [path.join(repoRoot, "scripts/typecheck.mjs"), "--pretty", "false"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, SCICLIENTS_TSC: compiler },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("commands/typecheck", () => {
  for (const compiler of ["7", "5"] as const) {
    it(`TypeScript ${compiler}: exits 0 on a sound package, and non-zero listing the error on a broken one`, { timeout: 240_000 }, () => {
      expect(typecheck("export const n: number = 1;\n", compiler)).toEqual({ status: 0, output: "" });
      const broken = typecheck('export const n: number = "one";\n', compiler);
      expect(broken.status).not.toBe(0);
      expect(broken.output).toContain("index.ts(1,14): error TS2322");
    });
  }
});
