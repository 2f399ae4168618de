// How much of the API the official Python client (dataikuapi) calls the spec covers, as
// `pnpm dss:coverage` reports it from the fact list kept in specs/reference/dss-endpoints.tsv.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { listOperations, loadSpec } from "@sciclients/test-utils";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");

interface Pair {
  key: string;
  method: string;
  path: string;
  callers: string[];
  operations: string[];
}
interface Report {
  service: string;
  total: number;
  covered: number;
  pairs: Pair[];
  tags: { tag: string; operations: number; listed: number; pairs: number }[];
}

const report = JSON.parse(
  execFileSync(process.execPath, [path.join(root, "scripts/spec-coverage.mjs"), "dss", "--json"], { cwd: root, encoding: "utf8" }),
) as Report;
const operations = new Map(listOperations(loadSpec(path.join(root, "specs/dss.yaml"))).map((op) => [op.operationId, op]));
const normalised = (p: string) => p.replace(/\{[^}]*\}/g, "{}");

describe("coverage of the calls dataikuapi makes", () => {
  it("reads the 275 distinct method + path pairs of the fact list", () => {
    const rows = readFileSync(path.join(root, "specs/reference/dss-endpoints.tsv"), "utf8").trim().split("\n");
    expect(rows[0]?.split("\t").slice(0, 3)).toEqual(["method", "path", "python_client_method"]);
    expect(rows).toHaveLength(318);
    expect(report.total).toBe(275);
  });

  it("covers at least 248 of them (90%)", () => {
    expect(report.covered).toBeGreaterThanOrEqual(248);
    expect(report.tags.reduce((sum, t) => sum + t.pairs, 0)).toBe(report.covered);
  });

  it("matches a pair only to an operation with its method and, segment for segment, its path", () => {
    for (const pair of report.pairs) {
      for (const id of pair.operations) {
        const op = operations.get(id);
        expect(op, `${pair.key} → ${id}`).toBeDefined();
        expect(op?.method).toBe(pair.method);
        // A piece the client computes at run time ({}/computeMetrics, /scenarios/{}{}) may stand for several segments.
        if (!/\}\{|^\{/.test(pair.path)) expect(normalised(op?.path ?? ""), `${pair.key} → ${id}`).toBe(pair.path);
      }
    }
  });

  it("leaves out only the two pairs that name no real route", () => {
    // dataikuapi's project-library calls build `/projects/<key>/git/lib-git-refs/<path>` by concatenation,
    // which the fact list records as bare `/projects/`; the spec has the real routes (setGitLibrary, removeGitLibrary).
    const missing = report.pairs.filter((p) => p.operations.length === 0);
    expect(missing.map((p) => `${p.key} ${p.callers.join(",")}`)).toEqual([
      "PUT /projects/ DSSProjectGit.set_library",
      "DELETE /projects/ DSSProjectGit.remove_library",
    ]);
    expect(operations.get("setGitLibrary")?.path).toBe("/projects/{projectKey}/git/lib-git-refs/{gitReferencePath}");
    expect(operations.get("removeGitLibrary")?.method).toBe("DELETE");
  });
});
