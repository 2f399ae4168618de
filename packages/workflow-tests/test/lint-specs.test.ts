// `pnpm lint:specs` with our own rule: a schema pattern that does not compile as a
// Unicode-mode regular expression fails the lint, naming the file, the pointer and
// why; a valid Unicode pattern (\p{L}) passes.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./helpers.js";

const fixture = path.join(import.meta.dirname, "fixtures/lint/bad-patterns.yaml");
const redocly = path.join(repoRoot, "node_modules/.bin/redocly");

type LintReport = { totals: { errors: number }; problems: { ruleId: string; message: string; location: { pointer: string }[] }[] };

async function lint(file: string): Promise<{ code: number; report: LintReport }> {
  const args = ["lint", "--config", path.join(repoRoot, "redocly.yaml"), "--format", "json", file];
  try {
    const { stdout } = await promisify(execFile)(redocly, args, { cwd: repoRoot, env: { ...process.env, NO_COLOR: "1" } });
    return { code: 0, report: JSON.parse(stdout) as LintReport };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, report: JSON.parse(failed.stdout) as LintReport };
  }
}

describe("lint:specs", () => {
  it("fails on patterns that do not compile in Unicode mode, with the pointer and the reason", async () => {
    const { code, report } = await lint(fixture);
    expect(code).toBe(1);
    const ours = report.problems.filter((p) => p.ruleId === "sciclients/pattern-compiles");
    expect(ours.map((p) => p.location[0]?.pointer)).toEqual([
      "#/paths/~1things~1{name}/get/parameters/0/schema/pattern",
      "#/components/schemas/Thing/properties/code/pattern",
    ]);
    expect(ours[0]?.message).toMatch(
      /^pattern "\^\[\\\\w-\.\]\+\$" is not a valid regular expression in Unicode mode: .*Invalid character class/,
    );
    expect(ours[1]?.message).toMatch(/Invalid escape/);
    // Nothing else is wrong with the fixture: the \p{L} pattern passes.
    expect(report.totals.errors).toBe(2);
  }, 60_000);
});
