// The READMEs' error tables name exactly the codes the code has: AuthError's
// codes are the AuthErrorCode union, and each code of ours in an ApiError row
// is one that core writes.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");
const read = (file: string) => readFileSync(join(root, file), "utf8");

/** The union members of `AuthErrorCode` in core's source. */
function authErrorCodes(): string[] {
  const source = read("packages/core/src/auth-error.ts");
  const union = /export type AuthErrorCode =([\s\S]*?"\w+";)/.exec(source)?.[1] ?? "";
  return [...union.matchAll(/\|\s*"(\w+)"/g)].map((m) => m[1] as string).sort();
}

/** Rows of the markdown table under `heading`, as cells. */
function table(markdown: string, heading: string): string[][] {
  const after = markdown.slice(markdown.indexOf(heading));
  const lines = after.split("\n").slice(1);
  const first = lines.findIndex((line) => line.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split(" | ")
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

const codesIn = (cell: string) => [...cell.matchAll(/`(\w+)`/g)].map((m) => m[1] as string);

describe("README error tables", () => {
  const rows = table(read("README.md"), "### Errors");

  it("the root README: AuthError rows name every AuthErrorCode and no other", () => {
    const listed = rows.filter((r) => r[1] === "`AuthError`").flatMap((r) => codesIn(r[2] ?? ""));
    expect([...new Set(listed)].sort()).toEqual(authErrorCodes());
  });

  it("the root README: each code of ours in an ApiError row is written by core", () => {
    const core = readdirSync(join(root, "packages/core/src"))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => read(`packages/core/src/${f}`))
      .join("\n");
    const ours = rows.filter((r) => r[1] === "`ApiError`").flatMap((r) => codesIn(r[2] ?? "").filter((c) => /^[a-z_]+$/.test(c)));
    expect(ours.sort()).toEqual(["invalid_path_parameter", "invalid_response", "invalid_response_shape", "redirect_refused", "timeout"]);
    for (const code of ours) expect(core, code).toContain(`"${code}"`);
  });

  it("the auth package's README lists every AuthErrorCode and no other", () => {
    const listed = table(read("packages/auth/README.md"), "## Errors and secrets").flatMap((r) => codesIn(r[0] ?? ""));
    expect(listed.sort()).toEqual(authErrorCodes());
  });
});
