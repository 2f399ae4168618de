// A Changesets entry for a spec change: the client package's bump (major for a
// breaking change, minor for additions, patch otherwise) and the diff summary
// as its text. `pnpm changeset version` then turns it into versions and changelogs.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { type DiffEntry, serviceMarkdownBody } from "./report.ts";

/** The changeset file's text. */
export function changesetText(packageName: string, bump: string, summary: string): string {
  return `---\n${JSON.stringify(packageName)}: ${bump}\n---\n\n${summary.trim()}\n`;
}

/**
 * Writes `.changeset/spec-<service>-<base>.md` for one service's entry. Running
 * the diff again against the same base rewrites the same file, so the changeset
 * always says what the spec changed in total since that commit.
 * Resolves to the file written (relative to root), or throws saying why none can be.
 */
export async function writeChangeset(root: string, entry: DiffEntry, baseCommit: string): Promise<string> {
  const { service, bump } = entry;
  if (!existsSync(path.join(root, ".changeset/config.json"))) {
    throw new Error(".changeset/config.json is missing: this repository is not set up for Changesets");
  }
  const manifest = path.join(root, service.directory, "package.json");
  if (!existsSync(manifest)) throw new Error(`${service.directory}/package.json does not exist yet, so there is no package to version`);
  const pkg: { name?: string; private?: boolean } = JSON.parse(readFileSync(manifest, "utf8"));
  if (pkg.name !== service.package)
    throw new Error(`${service.directory}/package.json is ${pkg.name}, but specs/services.yaml says ${service.package}`);
  if (pkg.private) throw new Error(`${service.package} is private and is not versioned`);
  const file = path.join(".changeset", `spec-${service.name}-${baseCommit.slice(0, 8)}.md`);
  await mkdir(path.join(root, ".changeset"), { recursive: true });
  await writeFile(path.join(root, file), changesetText(service.package, String(bump), serviceMarkdownBody(entry)));
  return file;
}
