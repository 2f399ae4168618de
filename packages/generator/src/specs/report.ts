// specs:diff reports: text for a terminal, Markdown for a pull request, a
// changelog or a changeset.
import type { Service } from "../types.ts";
import type { Bump, Change, Comparison } from "./diff.ts";

/** One compared service: unchanged, new (no spec at the base) or changed. */
export interface DiffEntry {
  service: Service;
  baseName: string;
  status: "unchanged" | "new" | "changed";
  /** Unchanged but for layout. */
  formattingOnly?: boolean;
  /** How many operations a new spec has. */
  operations?: number;
  /** What changed, for a changed spec. */
  result?: Comparison;
  bump?: Bump | undefined;
  breaking?: boolean;
}

/** The comparison of a changed entry (new and unchanged ones have none). */
function resultOf(entry: DiffEntry): Comparison {
  if (!entry.result) throw new Error(`${entry.service.name}: no comparison for a ${entry.status} spec`);
  return entry.result;
}

const MAX_WHERE = 6;

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** "2 breaking, 3 not breaking, 4 documentation edits" */
export function countsLine(result: Comparison): string {
  const breaking = result.changes.filter((c) => c.breaking).length;
  const parts: string[] = [];
  if (breaking > 0) parts.push(`${breaking} breaking`);
  if (result.changes.length - breaking > 0) parts.push(`${result.changes.length - breaking} not breaking`);
  if (result.documentation > 0) parts.push(plural(result.documentation, "documentation edit"));
  return parts.join(", ") || "no API changes (formatting only)";
}

function whereList(where: string[], wrap: (where: string) => string): string {
  const shown = where.slice(0, MAX_WHERE).map(wrap);
  if (where.length > MAX_WHERE) shown.push(`and ${where.length - MAX_WHERE} more`);
  return shown.join(", ");
}

/** Inline code that survives backticks in the value. */
function code(text: unknown): string {
  const s = String(text);
  return s.includes("`") ? `\`\` ${s} \`\`` : `\`${s}\``;
}

function changeText(change: Change): string {
  const detail = change.detail ? ` (${change.detail})` : "";
  const line = `${change.label}: ${change.subject}${detail}`;
  const where = change.where.filter((w) => w !== change.subject);
  return where.length > 0 ? `${line}\n      in ${whereList(where, (w) => w)}` : line;
}

function changeMarkdown(change: Change): string {
  const detail = change.detail ? ` (${code(change.detail)})` : "";
  const where = change.where.filter((w) => w !== change.subject);
  const suffix = where.length > 0 ? `, in ${whereList(where, (w) => code(w))}` : "";
  return `- ${change.label}: ${code(change.subject)}${detail}${suffix}`;
}

/**
 * One service's report. `entry`: `{ service, baseName, status, result, bump }`
 * where status is unchanged | new | changed.
 */
export function serviceText(entry: DiffEntry): string {
  const { service, baseName } = entry;
  const head = `${service.name} (${service.package}), ${service.spec}`;
  if (entry.status === "unchanged") {
    return `${service.name}: no changes since ${baseName}${entry.formattingOnly ? ` (${service.spec} differs only in layout)` : ""}`;
  }
  if (entry.status === "new")
    return `${head}: new spec, not in ${baseName} (${plural(entry.operations ?? 0, "operation")}); release: ${entry.bump}`;
  const result = resultOf(entry);
  const lines = [`${head}, ${baseName} → working copy:`, `  ${countsLine(result)}; release: ${entry.bump ?? "none"}`];
  const breaking = result.changes.filter((c) => c.breaking);
  const other = result.changes.filter((c) => !c.breaking);
  if (breaking.length > 0) lines.push("  Breaking for client users:", ...breaking.map((c) => `    ! ${changeText(c)}`));
  if (other.length > 0) lines.push("  Not breaking:", ...other.map((c) => `    - ${changeText(c)}`));
  return lines.join("\n");
}

/** The Markdown body for one service, without a heading (a changeset's text). */
export function serviceMarkdownBody(entry: DiffEntry): string {
  const { service, baseName } = entry;
  if (entry.status === "new") {
    return `New API spec ${code(service.spec)} (${plural(entry.operations ?? 0, "operation")}).`;
  }
  const result = resultOf(entry);
  const lines = [`API spec ${code(service.spec)} changed since ${code(baseName)}: ${countsLine(result)}.`];
  const breaking = result.changes.filter((c) => c.breaking);
  const other = result.changes.filter((c) => !c.breaking);
  if (breaking.length > 0) lines.push("", "**Breaking for client users**", "", ...breaking.map(changeMarkdown));
  if (other.length > 0) lines.push("", "**Not breaking**", "", ...other.map(changeMarkdown));
  return lines.join("\n");
}

export function serviceMarkdown(entry: DiffEntry): string {
  const { service, baseName } = entry;
  if (entry.status === "unchanged")
    return `### ${service.name}\n\nNo changes: ${code(service.spec)} matches ${code(baseName)}${entry.formattingOnly ? " but for layout" : ""}.`;
  return `### ${service.name}: ${code(service.package)} (${entry.bump ?? "no"} release)\n\n${serviceMarkdownBody(entry)}`;
}

/** The whole report for every compared service. */
export function renderReport(entries: DiffEntry[], { format, baseName }: { format: string; baseName: string }): string {
  const changed = entries.filter((e) => e.status !== "unchanged");
  const breaking = changed.filter((e) => e.breaking);
  let closing: string;
  if (changed.length === 0) closing = `No changes: ${plural(entries.length, "spec")} compared with ${baseName}.`;
  else {
    closing = `${plural(changed.length, "spec")} of ${entries.length} changed since ${baseName}`;
    closing += breaking.length > 0 ? `; breaking changes in ${breaking.map((e) => e.service.name).join(", ")}.` : "; nothing breaking.";
  }
  if (format === "markdown") {
    const sections = (changed.length > 0 ? changed : entries).map(serviceMarkdown);
    return `## API spec changes\n\n${sections.join("\n\n")}\n\n${closing}\n`;
  }
  // One line per unchanged spec; a blank line around each changed one.
  const blocks: string[] = [];
  let previousUnchanged = false;
  for (const entry of entries) {
    const text = serviceText(entry);
    const unchanged = entry.status === "unchanged";
    if (unchanged && previousUnchanged) blocks[blocks.length - 1] += `\n${text}`;
    else blocks.push(text);
    previousUnchanged = unchanged;
  }
  return `${blocks.join("\n\n")}\n\n${closing}\n`;
}
