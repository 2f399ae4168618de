// `pnpm specs:diff --changeset`: one Changesets entry per changed spec, its bump
// from the classification, its text the diff summary; then `changeset version`
// (the real CLI, with this repository's .changeset/config.json) applies them.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import parseChangeset from "@changesets/parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { at, cleanTemps, type Json, makeRepo, manifest, petsDoc, petsText, repoRoot, runScript, toYaml, writeFiles } from "./helpers.ts";

afterAll(cleanTemps);

const SERVICES = ["major", "minor", "patch", "steady"];

const edited = (edit: (doc: Json) => void) => {
  const doc = petsDoc();
  edit(doc);
  return toYaml(doc);
};

/** A pnpm workspace with one client package per service, every spec committed as the fixture. */
function workspace(withConfig = true) {
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "fixture-root", private: true }),
    "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
    "specs/services.yaml": manifest(SERVICES.map((name) => ({ name }))),
  };
  if (withConfig) files[".changeset/config.json"] = readFileSync(path.join(repoRoot, ".changeset/config.json"), "utf8");
  for (const name of SERVICES) {
    files[`specs/${name}.yaml`] = petsText();
    files[`packages/${name}-client/package.json`] = `${JSON.stringify({ name: `@fixtures/${name}-client`, version: "0.1.0" }, null, 2)}\n`;
  }
  const repo = makeRepo(files);
  writeFiles(repo.root, {
    "specs/major.yaml": edited((doc) => delete at(doc, "paths", "/pets/{petId}").delete),
    "specs/minor.yaml": edited((doc) => {
      at(doc, "components", "schemas", "Pet", "properties").age = { type: "integer" };
    }),
    "specs/patch.yaml": edited((doc) => {
      at(doc, "info").description = "Reworded.";
    }),
  });
  return repo;
}

const changesetFiles = (root: string) =>
  readdirSync(path.join(root, ".changeset"))
    .filter((f) => f.startsWith("spec-"))
    .sort();

describe("specs:diff --changeset", () => {
  let root: string;
  let commit: string;
  let first: Awaited<ReturnType<typeof runScript>>;

  beforeAll(async () => {
    ({ root, commit } = workspace());
    first = await runScript("specs-diff", root, ["--changeset", "--allow-breaking"]);
  });

  it("writes one changeset per changed spec, none for an unchanged one", () => {
    expect(first.status).toBe(0);
    const short = commit.slice(0, 8);
    expect(changesetFiles(root)).toEqual([`spec-major-${short}.md`, `spec-minor-${short}.md`, `spec-patch-${short}.md`]);
    expect(first.stderr).toContain(`specs:diff: wrote .changeset/spec-major-${short}.md (@fixtures/major-client: major)`);
  });

  it("bumps major for a breaking change, minor for an addition, patch for documentation", () => {
    const bumps = changesetFiles(root).map((file) => parseChangeset(readFileSync(path.join(root, ".changeset", file), "utf8")).releases);
    expect(bumps).toEqual([
      [{ name: "@fixtures/major-client", type: "major" }],
      [{ name: "@fixtures/minor-client", type: "minor" }],
      [{ name: "@fixtures/patch-client", type: "patch" }],
    ]);
  });

  it("uses the diff summary as the changeset's text", () => {
    const [major, minor, patch] = changesetFiles(root).map((file) => readFileSync(path.join(root, ".changeset", file), "utf8"));
    expect(major).toBe(
      [
        "---",
        '"@fixtures/major-client": major',
        "---",
        "",
        `API spec \`specs/major.yaml\` changed since \`HEAD (${commit.slice(0, 8)})\`: 1 breaking.`,
        "",
        "**Breaking for client users**",
        "",
        "- Operation removed: `DELETE /pets/{petId}` (`deletePet`)",
        "",
      ].join("\n"),
    );
    expect(parseChangeset(minor ?? "").summary).toContain(
      "**Not breaking**\n\n- Response field added: `Pet.age` (`optional`), in `GET /pets (200 response)`",
    );
    expect(parseChangeset(patch ?? "").summary).toBe(
      `API spec \`specs/patch.yaml\` changed since \`HEAD (${commit.slice(0, 8)})\`: 1 documentation edit.`,
    );
  });

  it("rewrites the same files when run again against the same base", async () => {
    const before = changesetFiles(root).map((file) => readFileSync(path.join(root, ".changeset", file), "utf8"));
    const again = await runScript("specs-diff", root, ["--changeset", "--allow-breaking"]);
    expect(again.status).toBe(0);
    expect(changesetFiles(root).map((file) => readFileSync(path.join(root, ".changeset", file), "utf8"))).toEqual(before);
  });

  it("`changeset version` with this repository's config turns them into versions and changelogs", () => {
    symlinkSync(path.join(repoRoot, "packages/workflow-tests/node_modules"), path.join(root, "node_modules"), "dir");
    execFileSync(path.join(repoRoot, "packages/workflow-tests/node_modules/.bin/changeset"), ["version"], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: root, CI: "true" },
      stdio: "pipe",
      timeout: 60_000,
    });
    const version = (name: string) =>
      JSON.parse(readFileSync(path.join(root, "packages", `${name}-client`, "package.json"), "utf8")).version;
    expect(SERVICES.map(version)).toEqual(["1.0.0", "0.2.0", "0.1.1", "0.1.0"]);
    const changelog = readFileSync(path.join(root, "packages/major-client/CHANGELOG.md"), "utf8");
    expect(changelog).toContain("## 1.0.0\n\n### Major Changes");
    expect(changelog).toContain("- Operation removed: `DELETE /pets/{petId}` (`deletePet`)");
    expect(changesetFiles(root)).toEqual([]);
  });

  it("still writes the changeset for a breaking change without --allow-breaking, but exits 1", async () => {
    const { root: repo } = workspace();
    const run = await runScript("specs-diff", repo, ["major", "--changeset"]);
    expect(run.status).toBe(1);
    expect(changesetFiles(repo)).toHaveLength(1);
    expect(run.stderr).toContain("--allow-breaking");
  });

  it("exits 2 when the repository is not set up for Changesets", async () => {
    const { root: repo } = workspace(false);
    const run = await runScript("specs-diff", repo, ["minor", "--changeset"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("no changeset for minor: .changeset/config.json is missing");
  });
});

describe("the repository's own pending changesets", () => {
  it("each has front matter naming workspace packages with a bump, and a summary", () => {
    const dir = path.join(repoRoot, ".changeset");
    const packages = new Set(
      readdirSync(path.join(repoRoot, "packages")).flatMap((name) => {
        try {
          return [(JSON.parse(readFileSync(path.join(repoRoot, "packages", name, "package.json"), "utf8")) as { name: string }).name];
        } catch {
          return [];
        }
      }),
    );
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".md") && f !== "README.md")) {
      // A formatter once turned the front matter into a heading; Changesets then sees no release.
      const { releases, summary } = parseChangeset(readFileSync(path.join(dir, file), "utf8"));
      expect(releases.length, file).toBeGreaterThan(0);
      for (const release of releases) {
        expect(packages.has(release.name), `${file}: ${release.name}`).toBe(true);
        expect(["major", "minor", "patch"], `${file}: ${release.name}`).toContain(release.type);
      }
      expect(summary.trim(), file).not.toBe("");
    }
  });
});
