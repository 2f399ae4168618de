// `pnpm specs:diff` end to end: a temp git repository whose committed specs are
// the base fixture, working copies edited one way each, the command run as a
// child process.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANGE_FIXTURES } from "./fixtures/changes.ts";
import { at, cleanTemps, type Json, makeRepo, manifest, petsDoc, petsText, runScript, toYaml, writeFiles } from "./helpers.ts";

interface DiffJson {
  base: string;
  commit: string;
  services: {
    name: string;
    status: "unchanged" | "changed" | "new";
    formattingOnly?: boolean;
    operations?: number;
    bump: string | null;
    breaking: boolean;
    changes: { kind: string; label: string; subject: string; detail: string; breaking: boolean; bump: string; where: string[] }[];
    documentation: number;
  }[];
}

afterAll(cleanTemps);

const edited = (edit: (doc: Json) => void) => {
  const doc = petsDoc();
  edit(doc);
  return toYaml(doc);
};

describe("specs:diff classifies one fixture per kind of change", () => {
  let report: DiffJson;
  const extra = ["docs-only", "layout-only", "unchanged", "brand-new"];

  beforeAll(async () => {
    const names = [...CHANGE_FIXTURES.map((f) => f.name), ...extra];
    const committed: Record<string, string> = { "specs/services.yaml": manifest(names.map((name) => ({ name }))) };
    for (const name of names) if (name !== "brand-new") committed[`specs/${name}.yaml`] = petsText();
    const { root } = makeRepo(committed);
    const working: Record<string, string> = {};
    for (const fixture of CHANGE_FIXTURES) working[`specs/${fixture.name}.yaml`] = edited(fixture.edit);
    working["specs/docs-only.yaml"] = edited((doc) => {
      at(doc, "info").description = "Reworded.";
      at(doc, "paths", "/pets", "get").summary = "Every pet";
    });
    // Same document, keys in another order.
    const reordered = petsDoc();
    working["specs/layout-only.yaml"] = toYaml(Object.fromEntries(Object.entries(reordered).reverse()));
    working["specs/brand-new.yaml"] = petsText();
    writeFiles(root, working);
    const run = await runScript("specs-diff", root, ["--format", "json", "--allow-breaking"], { timeoutMs: 90_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    report = JSON.parse(run.stdout) as DiffJson;
  }, 120_000);

  const service = (name: string) => {
    const found = report.services.find((s) => s.name === name);
    if (!found) throw new Error(`no ${name} in the report`);
    return found;
  };

  for (const fixture of CHANGE_FIXTURES) {
    const { expected } = fixture;
    it(`${fixture.name}: "${expected.label}" is ${expected.breaking ? "breaking" : "not breaking"} (${expected.bump})`, () => {
      const entry = service(fixture.name);
      expect(entry.status).toBe("changed");
      expect(entry.changes).toHaveLength(1);
      const [change] = entry.changes;
      expect(change).toMatchObject({ label: expected.label, subject: expected.subject, breaking: expected.breaking, bump: expected.bump });
      if (expected.detail !== undefined) expect(change?.detail).toBe(expected.detail);
      if (expected.where) expect(change?.where).toEqual(expected.where);
      expect(entry.breaking).toBe(expected.breaking);
      expect(entry.bump).toBe(expected.bump);
    });
  }

  it("documentation edits are counted, are not breaking and make a patch release", () => {
    expect(service("docs-only")).toMatchObject({ status: "changed", changes: [], documentation: 2, breaking: false, bump: "patch" });
  });

  it("a spec that differs only in layout has no changes", () => {
    expect(service("layout-only")).toMatchObject({ status: "unchanged", formattingOnly: true, changes: [], bump: null });
  });

  it("an untouched spec is unchanged and a spec new since the base is a minor release", () => {
    expect(service("unchanged")).toMatchObject({ status: "unchanged", changes: [], breaking: false, bump: null });
    expect(service("brand-new")).toMatchObject({ status: "new", operations: 6, breaking: false, bump: "minor" });
  });
});

describe("specs:diff exit status and output formats", () => {
  let root: string;

  beforeAll(() => {
    ({ root } = makeRepo({
      "specs/services.yaml": manifest([{ name: "pets" }, { name: "quiet" }]),
      "specs/pets.yaml": petsText(),
      "specs/quiet.yaml": petsText(),
    }));
    writeFiles(root, {
      "specs/pets.yaml": edited((doc) => {
        delete at(doc, "paths", "/pets/{petId}").delete;
        at(at(doc, "components", "schemas", "Pet"), "properties").age = { type: "integer" };
      }),
      "specs/quiet.yaml": edited((doc) => {
        at(at(doc, "components", "schemas", "Pet"), "properties").age = { type: "integer" };
      }),
    });
  });

  it("exits 1 on a breaking change, listing it, and names the package and --allow-breaking", async () => {
    const run = await runScript("specs-diff", root, []);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("pets (@fixtures/pets-client), specs/pets.yaml, HEAD");
    expect(run.stdout).toContain("1 breaking, 1 not breaking; release: major");
    expect(run.stdout).toContain("Breaking for client users:\n    ! Operation removed: DELETE /pets/{petId} (deletePet)");
    expect(run.stdout).toContain(
      "Not breaking:\n    - Response field added: Pet.age (optional)\n      in GET /pets (200 response), GET /pets/{petId} (200 response)",
    );
    expect(run.stdout).toContain("2 specs of 2 changed since HEAD");
    expect(run.stderr).toContain("breaking changes for users of @fixtures/pets-client");
    expect(run.stderr).toContain("--allow-breaking");
  });

  it("exits 0 on the same change with --allow-breaking", async () => {
    const run = await runScript("specs-diff", root, ["--allow-breaking"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("! Operation removed: DELETE /pets/{petId}");
    expect(run.stderr).toBe("");
  });

  it("exits 0 when only non-breaking changes are compared", async () => {
    const run = await runScript("specs-diff", root, ["quiet"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("quiet (@fixtures/quiet-client)");
    expect(run.stdout).not.toContain("pets (@fixtures/pets-client)");
    expect(run.stdout).toContain("nothing breaking.");
  });

  it("writes Markdown for a pull request or changelog", async () => {
    const run = await runScript("specs-diff", root, ["--format", "markdown", "--allow-breaking"]);
    expect(run.status).toBe(0);
    const md = run.stdout;
    expect(md.startsWith("## API spec changes\n\n### pets: `@fixtures/pets-client` (major release)\n")).toBe(true);
    expect(md).toMatch(/API spec `specs\/pets\.yaml` changed since `HEAD \([0-9a-f]{8}\)`: 1 breaking, 1 not breaking\./);
    expect(md).toContain("**Breaking for client users**\n\n- Operation removed: `DELETE /pets/{petId}` (`deletePet`)");
    expect(md).toContain(
      "**Not breaking**\n\n- Response field added: `Pet.age` (`optional`), in `GET /pets (200 response)`, `GET /pets/{petId} (200 response)`",
    );
    expect(md).toContain("### quiet: `@fixtures/quiet-client` (minor release)");
  });

  it("--base compares with any git ref", async () => {
    const { root: repo } = makeRepo({ "specs/services.yaml": manifest([{ name: "pets" }]), "specs/pets.yaml": petsText() });
    writeFiles(repo, { "specs/pets.yaml": edited((doc) => delete at(doc, "paths", "/pets/{petId}").delete) });
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "drop delete"], { cwd: repo });
    const now = await runScript("specs-diff", repo, []);
    expect(now.status).toBe(0);
    expect(now.stdout).toContain("pets: no changes since HEAD");
    const before = await runScript("specs-diff", repo, ["--base", "HEAD~1"]);
    expect(before.status).toBe(1);
    expect(before.stdout).toContain("! Operation removed: DELETE /pets/{petId} (deletePet)");
    expect(before.stdout).toMatch(/HEAD~1 \([0-9a-f]{8}\) → working copy/);
  });

  it("exits 2 naming the reason for an invalid working copy, an unknown ref or an unknown service", async () => {
    const { root: repo } = makeRepo({ "specs/services.yaml": manifest([{ name: "pets" }]), "specs/pets.yaml": petsText() });
    writeFiles(repo, { "specs/pets.yaml": edited((doc) => delete at(doc, "paths", "/pets/{petId}").parameters) });
    const invalid = await runScript("specs-diff", repo, []);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain("pets: specs/pets.yaml is not a valid OpenAPI document");
    expect(invalid.stderr).toContain("missing path parameter(s) for `{petId}`");
    const ref = await runScript("specs-diff", repo, ["--base", "no-such-branch"]);
    expect(ref.status).toBe(2);
    expect(ref.stderr).toContain('unknown git ref "no-such-branch"');
    const name = await runScript("specs-diff", repo, ["nope"]);
    expect(name.status).toBe(2);
    expect(name.stderr).toContain("unknown service nope; specs/services.yaml lists pets");
  });
});
