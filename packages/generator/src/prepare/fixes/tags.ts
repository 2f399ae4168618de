import type { Change } from "../../types.ts";
import { isObject, operations } from "../walk.ts";
import { type Doc, record, uniqueName } from "./shared.ts";

/** A tag orval can make a folder and a name of: it starts with a letter. */
export function fixTags(doc: Doc, changes: Change[]): void {
  const renames = new Map<string, string>();
  const taken = new Set<string>();
  const allTags = [
    ...(Array.isArray(doc.tags) ? doc.tags.map((t) => (isObject(t) ? t.name : undefined)) : []),
    ...operations(doc).flatMap(({ op }) => (Array.isArray(op.tags) ? op.tags : [])),
  ].filter((t): t is string => typeof t === "string");
  for (const tag of allTags) if (/^[A-Za-z]/.test(tag)) taken.add(tag.toLowerCase());
  for (const tag of allTags) {
    if (/^[A-Za-z]/.test(tag) || renames.has(tag)) continue;
    const words = tag.replace(/^[^A-Za-z]+/, "");
    // A tag starting with digits keeps them after a word (`2fa` → `tag-2fa`); one of symbols loses them.
    const base = /^[0-9]/.test(tag) ? `tag-${tag.replace(/[^A-Za-z0-9]+/g, "-")}` : words || "tag";
    const next = uniqueName(base, taken);
    renames.set(tag, next);
  }
  if (renames.size === 0) return;
  if (Array.isArray(doc.tags))
    for (const t of doc.tags) {
      const renamed = isObject(t) && typeof t.name === "string" ? renames.get(t.name) : undefined;
      if (isObject(t) && renamed !== undefined) t.name = renamed;
    }
  for (const { op } of operations(doc)) {
    if (!Array.isArray(op.tags)) continue;
    op.tags = op.tags.map((t) => renames.get(t) ?? t);
  }
  for (const [from, to] of renames) record(changes, "tag", ["tags"], `tag "${from}" does not start with a letter: renamed "${to}"`);
}
