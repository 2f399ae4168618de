// Prepare, the second stage: the document as read (read/document.ts), normalised
// into a self-contained OpenAPI 3 document that orval and openapi-typescript
// turn into code that type-checks, with a report of every change made (the
// fixes are prepare/fixes.ts, applied in order).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { bundleExternalRefs, checkRefs, checkStructure, convertSwagger, parseDocument } from "../read/document.ts";
import type { Change, Prepared, PreparedDocument, PrepareReport } from "../types.ts";
import type { Doc } from "./fixes/shared.ts";
import { applyFixes } from "./fixes.ts";

export { PrepareError, parseDocument } from "../read/document.ts";

/**
 * Reads and prepares a spec. Returns `{ document, report }`: the document to
 * generate from and what was changed, each change with the pointer it applies to.
 * `options.reserved` are names the generated code defines besides the spec's own.
 */
export async function prepareDocument(file: string, options: { label?: string; reserved?: string[] } = {}): Promise<Prepared> {
  const label = options.label ?? path.relative(process.cwd(), file);
  const read = parseDocument(await readFile(file, "utf8"), label);
  checkStructure(read, label);
  let doc: Doc = read;
  const changes: Change[] = [];
  if (checkRefs(doc, label)) {
    // The bundler inlines what other files held; the structure checked above stays.
    doc = (await bundleExternalRefs(file)) as Doc;
    checkRefs(doc, label);
    changes.push({ fix: "bundle", pointer: "", message: "references to other documents were bundled into this one" });
  }
  const source = doc.swagger ? `Swagger ${doc.swagger}` : `OpenAPI ${doc.openapi}`;
  if (doc.swagger) {
    doc = await convertSwagger(doc, label);
    changes.push({ fix: "swagger2", pointer: "", message: `converted from Swagger 2.0 to OpenAPI ${doc.openapi}` });
  }
  applyFixes(doc, changes, { reserved: options.reserved ?? [] });
  // The fixes leave a string `openapi` and an info object (read/document.ts checked them, fixes/info made them so).
  return { document: doc as PreparedDocument, report: { source: label, format: source, changes } };
}

/** One line per kind of change, for the terminal. */
export function summarise(report: PrepareReport): string {
  const counts = new Map<string, number>();
  for (const change of report.changes) counts.set(change.fix, (counts.get(change.fix) ?? 0) + 1);
  if (counts.size === 0) return `${report.source}: no changes needed`;
  return `${report.source} (${report.format}) prepared: ${[...counts].map(([fix, n]) => `${n} × ${fix}`).join(", ")}`;
}
