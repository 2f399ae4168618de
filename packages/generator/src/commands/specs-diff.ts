// `pnpm specs:diff [service...]`: what changed in each spec between a git ref
// (HEAD unless --base says otherwise) and the working copy, each change
// classified breaking or not for users of the generated client. Exits 1 when a
// change is breaking, unless --allow-breaking; --changeset writes the summary
// as a Changesets entry with the client package's bump.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { messageOf, parseCommandLine, usageError } from "../cli.ts";
import { loadServices } from "../manifest/services.ts";
import { repoRoot as defaultRoot } from "../paths.ts";
import { writeChangeset } from "../specs/changeset.ts";
import { bumpFor, compareDocuments } from "../specs/diff.ts";
import { resolveRef, showFile } from "../specs/git.ts";
import { countOperations, validateDocument } from "../specs/normalise-doc.ts";
import { type DiffEntry, renderReport } from "../specs/report.ts";
import type { Service } from "../types.ts";

export async function main(args: string[]): Promise<void> {
  const USAGE = `Usage: pnpm specs:diff [service...] [options]

Compares each spec (all of specs/services.yaml when none is named) in the working
copy with the same file at a git ref, lists every change to operations,
parameters, request and response fields and enums, and says whether it breaks
code written against the generated client.

Options:
  --base <ref>        the git ref to compare with (default HEAD)
  --format <f>        text (default), markdown, or json (for other tools)
  --allow-breaking    exit 0 even when a change is breaking
  --changeset         write .changeset/spec-<service>-<ref>.md for each changed spec:
                      major for a breaking change, minor for additions, patch otherwise
  --root <dir>        the repository to work in (default: this checkout)
  -h, --help          show this help

Exit status: 0 no breaking change (or --allow-breaking), 1 a breaking change,
2 a usage error, an unknown ref or an invalid spec.`;

  function fail(message: string, usage = false): never {
    if (usage) usageError("specs:diff", USAGE, message);
    console.error(`specs:diff: ${message}`);
    process.exit(2);
  }

  const { values: options, positionals: names } = parseCommandLine("specs:diff", USAGE, args, {
    base: { type: "string", default: "HEAD" },
    format: { type: "string", default: "text" },
    "allow-breaking": { type: "boolean", default: false },
    changeset: { type: "boolean", default: false },
    root: { type: "string" },
  });
  if (!["text", "markdown", "json"].includes(options.format)) fail(`--format must be text, markdown or json (got ${options.format})`, true);

  const root = path.resolve(options.root ?? defaultRoot);
  let services: Service[];
  let baseCommit: string;
  try {
    services = await loadServices(root);
    baseCommit = resolveRef(root, options.base);
  } catch (error) {
    fail(messageOf(error));
  }
  const unknown = names.filter((n) => !services.some((s) => s.name === n));
  if (unknown.length > 0)
    fail(`unknown service ${unknown.join(", ")}; specs/services.yaml lists ${services.map((s) => s.name).join(", ")}`, true);
  const selected = names.length > 0 ? services.filter((s) => names.includes(s.name)) : services;
  const baseName = baseCommit.startsWith(options.base) ? baseCommit.slice(0, 8) : `${options.base} (${baseCommit.slice(0, 8)})`;

  function parseSpec(text: string, label: string): unknown {
    try {
      return parseYaml(text, { maxAliasCount: 10_000 });
    } catch (error) {
      throw new Error(`${label} is not valid YAML: ${messageOf(error).split("\n")[0]}`);
    }
  }

  async function compareService(service: Service): Promise<DiffEntry> {
    const entry = { service, baseName };
    const afterText = await readFile(path.join(root, service.spec), "utf8").catch(() => undefined);
    if (afterText === undefined) throw new Error(`${service.spec} is missing from the working copy`);
    const beforeText = showFile(root, baseCommit, service.spec);
    if (beforeText === afterText) return { ...entry, status: "unchanged" as const };
    const after = parseSpec(afterText, service.spec);
    const problems = await validateDocument(after);
    if (problems.length > 0)
      throw new Error(`${service.spec} is not a valid OpenAPI document:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    if (beforeText === undefined) {
      return { ...entry, status: "new" as const, operations: countOperations(after), bump: "minor" as const, breaking: false };
    }
    const result = compareDocuments(parseSpec(beforeText, `${service.spec} at ${options.base}`), after);
    if (result.changes.length === 0 && result.documentation === 0) return { ...entry, status: "unchanged" as const, formattingOnly: true };
    return { ...entry, status: "changed" as const, result, bump: bumpFor(result), breaking: result.changes.some((c) => c.breaking) };
  }

  const entries: DiffEntry[] = [];
  for (const service of selected) {
    try {
      entries.push(await compareService(service));
    } catch (error) {
      fail(`${service.name}: ${messageOf(error)}`);
    }
  }

  if (options.format === "json") {
    const services = entries.map(({ service, status, formattingOnly, operations, result, bump, breaking }) => ({
      name: service.name,
      package: service.package,
      spec: service.spec,
      status,
      ...(formattingOnly ? { formattingOnly } : {}),
      ...(operations !== undefined ? { operations } : {}),
      bump: bump ?? null,
      breaking: breaking ?? false,
      changes: result?.changes ?? [],
      documentation: result?.documentation ?? 0,
    }));
    process.stdout.write(`${JSON.stringify({ base: options.base, commit: baseCommit, services }, null, 2)}\n`);
  } else {
    process.stdout.write(renderReport(entries, { format: options.format, baseName }));
  }

  if (options.changeset) {
    for (const entry of entries.filter((e) => e.status !== "unchanged")) {
      try {
        const file = await writeChangeset(root, entry, baseCommit);
        console.error(`specs:diff: wrote ${file} (${entry.service.package}: ${entry.bump})`);
      } catch (error) {
        fail(`no changeset for ${entry.service.name}: ${messageOf(error)}`);
      }
    }
    if (entries.every((e) => e.status === "unchanged")) console.error("specs:diff: no spec changed, so no changeset was written");
  }

  const breaking = entries.filter((e) => e.breaking);
  if (breaking.length > 0 && !options["allow-breaking"]) {
    console.error(
      `specs:diff: breaking changes for users of ${breaking.map((e) => e.service.package).join(", ")}. ` +
        "If they are intended, re-run with --allow-breaking (and --changeset for a major release).",
    );
    process.exit(1);
  }
}
