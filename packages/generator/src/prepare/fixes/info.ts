import type { Change, JsonObject } from "../../types.ts";
import { type Doc, record } from "./shared.ts";

/** The info object orval writes into every file header: a one-line title, a string version, a description of sensible length. */
export function fixInfo(doc: Doc, changes: Change[]): void {
  // read/document.ts checked that there is an info object.
  const info = doc.info as JsonObject;
  const title = typeof info.title === "string" ? info.title.replace(/\s+/g, " ").replace(/\*\//g, "").trim() : "";
  if (title !== info.title) {
    info.title = title || "API";
    record(changes, "info", ["info", "title"], "title made a single line");
  }
  if (typeof info.version !== "string") {
    info.version = info.version === undefined ? "0" : String(info.version);
    record(changes, "info", ["info", "version"], "version made a string");
  }
  if (typeof info.description === "string" && info.description.length > 4000) {
    const cut = info.description.slice(0, 4000);
    const paragraph = cut.lastIndexOf("\n\n");
    info.description = `${(paragraph > 200 ? cut.slice(0, paragraph) : cut).trimEnd()}…`;
    record(changes, "info", ["info", "description"], "description trimmed to its first 4,000 characters");
  }
}
