import type { Change } from "../../types.ts";
import { isObject } from "../walk.ts";
import { type Doc, JS_RESERVED, pascal, record, renameComponents, sectionOf, uniqueName } from "./shared.ts";

const SECTION_WORDS: Record<string, string> = { responses: "Status", requestBodies: "Body", parameters: "Param", headers: "Header" };

/** Component keys orval turns into type names without making them identifiers (`400` → `400Response`). */
export function fixComponentKeys(doc: Doc, changes: Change[]): void {
  for (const [section, word] of Object.entries(SECTION_WORDS)) {
    const entries = sectionOf(doc, section);
    if (!isObject(entries)) continue;
    const taken = new Set(Object.keys(entries).map((k) => k.toLowerCase()));
    const renames = new Map<string, string>();
    for (const key of Object.keys(entries)) {
      const name = pascal(key);
      if (/^[A-Za-z_$]/.test(name) && !JS_RESERVED.has(name)) continue;
      const next = uniqueName(`${word}${name}`, taken);
      renames.set(key, next);
      record(changes, "component-name", ["components", section, key], `"${key}" is no identifier: renamed "${next}"`);
    }
    if (renames.size > 0) renameComponents(doc, section, renames);
  }
}
