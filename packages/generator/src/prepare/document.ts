// The preparation step before orval: reads a service's spec (OpenAPI 3.0, 3.1 or
// Swagger 2.0, YAML or JSON), fails fast on a document no client can come from,
// and otherwise returns a normalised, self-contained OpenAPI 3 document that
// orval and openapi-typescript turn into code that type-checks, with a list of
// every change made. specs/ stays the source of truth: nothing is written back.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { load as loadYaml } from "js-yaml";
import { parse } from "yaml";
import { applyFixes } from "./fixes.ts";
import { forEachRef, isObject, METHODS, pointer, refTokens, resolveTokens } from "./walk.ts";

/** A document that cannot become a client: names the file, the JSON pointer and the reason. */
export class PrepareError extends Error {
  constructor(file, tokens, reason) {
    const at = pointer(tokens);
    super(`${file}#${at}: ${reason}`);
    this.name = "PrepareError";
    this.file = file;
    this.pointer = at;
    this.reason = reason;
  }
}

/** Parses YAML or JSON text; a syntax error names the line and column. */
export function parseDocument(text, file) {
  if (/^\s*[{[]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // Not strict JSON (comments, trailing commas): YAML reads it or says where it breaks.
    }
  }
  try {
    // js-yaml reads a large spec about four times faster than \`yaml\`; both use the
    // YAML 1.2 core schema and let a repeated key override, as JSON.parse does.
    return loadYaml(text, { json: true });
  } catch {
    // \`yaml\` is more lenient with some real-world documents and says where a broken one breaks.
  }
  try {
    return parse(text, { maxAliasCount: -1, uniqueKeys: false, prettyErrors: true });
  } catch (error) {
    const where = error.linePos?.[0] ? ` (line ${error.linePos[0].line}, column ${error.linePos[0].col})` : "";
    throw new PrepareError(file, [], `not valid YAML or JSON${where}: ${String(error.message).split("\n")[0]}`);
  }
}

/** Structural checks that hold for Swagger 2.0 and OpenAPI 3 alike; throws on the first problem. */
function checkStructure(doc, file) {
  if (!isObject(doc)) throw new PrepareError(file, [], "not an OpenAPI document: expected an object at the top level");
  const swagger = doc.swagger !== undefined;
  if (swagger) {
    if (String(doc.swagger) !== "2.0")
      throw new PrepareError(file, ["swagger"], `unsupported Swagger version ${JSON.stringify(doc.swagger)}; expected "2.0"`);
  } else if (doc.openapi === undefined) {
    throw new PrepareError(file, [], 'not an OpenAPI document: no "openapi" or "swagger" version field');
  } else if (!/^3\.[01]\.\d+/.test(String(doc.openapi))) {
    throw new PrepareError(
      file,
      ["openapi"],
      `unsupported OpenAPI version ${JSON.stringify(doc.openapi)}; expected 3.0.x, 3.1.x or Swagger 2.0`,
    );
  }
  if (!isObject(doc.info)) throw new PrepareError(file, ["info"], "the info object is missing");
  if (!isObject(doc.paths)) throw new PrepareError(file, ["paths"], "the paths object is missing or not an object");
  let count = 0;
  for (const [route, item] of Object.entries(doc.paths)) {
    if (route.startsWith("x-")) continue;
    if (!route.startsWith("/")) throw new PrepareError(file, ["paths", route], 'a path must start with "/"');
    if (!isObject(item)) throw new PrepareError(file, ["paths", route], "a path item must be an object");
    const shared = item.parameters;
    if (shared !== undefined && !Array.isArray(shared))
      throw new PrepareError(file, ["paths", route, "parameters"], "parameters must be a list");
    for (const method of METHODS) {
      if (item[method] === undefined) continue;
      const op = item[method];
      const at = ["paths", route, method];
      if (!isObject(op)) throw new PrepareError(file, at, "an operation must be an object");
      if (op.parameters !== undefined && !Array.isArray(op.parameters))
        throw new PrepareError(file, [...at, "parameters"], "parameters must be a list");
      for (const [i, p] of [...(op.parameters ?? []).entries()]) {
        const param = isObject(p) && typeof p.$ref === "string" ? resolveTokens(doc, refTokens(p.$ref) ?? []) : p;
        if (!isObject(param)) throw new PrepareError(file, [...at, "parameters", i], "a parameter must be an object");
        if (typeof param.name !== "string" || typeof param.in !== "string")
          throw new PrepareError(file, [...at, "parameters", i], 'a parameter needs a string "name" and "in"');
      }
      if (op.responses !== undefined && !isObject(op.responses))
        throw new PrepareError(file, [...at, "responses"], "responses must be an object");
      count += 1;
    }
  }
  if (count === 0) throw new PrepareError(file, ["paths"], "the document has no operations");
}

/** Every local `$ref` must name something; references to other files are bundled first. */
function checkRefs(doc, file) {
  let external = false;
  forEachRef(doc, (node, tokens) => {
    const target = refTokens(node.$ref);
    if (target === undefined) {
      external = true;
      return;
    }
    if (resolveTokens(doc, target) === undefined) throw new PrepareError(file, [...tokens, "$ref"], `unresolved reference ${node.$ref}`);
  });
  return external;
}

async function bundleExternalRefs(file) {
  const { default: SwaggerParser } = await import("@apidevtools/swagger-parser");
  try {
    return await SwaggerParser.bundle(file, { resolve: { http: { timeout: 20_000 } } });
  } catch (error) {
    throw new PrepareError(file, [], `could not bundle external references: ${String(error.message).split("\n")[0]}`);
  }
}

async function convertSwagger(doc, file) {
  const { default: converter } = await import("swagger2openapi");
  try {
    const { openapi } = await converter.convertObj(structuredClone(doc), {
      patch: true,
      warnOnly: true,
      resolveInternal: false,
      direct: false,
    });
    return openapi;
  } catch (error) {
    const at = error.options?.context?.at(-1)?.replace(/^#/, "") ?? "";
    throw new PrepareError(
      file,
      at ? at.split("/").slice(1) : [],
      `Swagger 2.0 conversion failed: ${String(error.message).split("\n")[0]}`,
    );
  }
}

/**
 * Reads and prepares a spec. Returns `{ document, report }`: the document to
 * generate from and what was changed, each change with the pointer it applies to.
 * `options.reserved` are names the generated code defines besides the spec's own.
 */
export async function prepareDocument(file, options = {}) {
  const label = options.label ?? path.relative(process.cwd(), file);
  let doc = parseDocument(await readFile(file, "utf8"), label);
  checkStructure(doc, label);
  const changes = [];
  if (checkRefs(doc, label)) {
    doc = await bundleExternalRefs(file);
    checkRefs(doc, label);
    changes.push({ fix: "bundle", pointer: "", message: "references to other documents were bundled into this one" });
  }
  const source = doc.swagger ? `Swagger ${doc.swagger}` : `OpenAPI ${doc.openapi}`;
  if (doc.swagger) {
    doc = await convertSwagger(doc, label);
    changes.push({ fix: "swagger2", pointer: "", message: `converted from Swagger 2.0 to OpenAPI ${doc.openapi}` });
  }
  applyFixes(doc, changes, { reserved: options.reserved ?? [] });
  return { document: doc, report: { source: label, format: source, changes } };
}

/** One line per kind of change, for the terminal. */
export function summarise(report) {
  const counts = new Map();
  for (const change of report.changes) counts.set(change.fix, (counts.get(change.fix) ?? 0) + 1);
  if (counts.size === 0) return `${report.source}: no changes needed`;
  return `${report.source} (${report.format}) prepared: ${[...counts].map(([fix, n]) => `${n} × ${fix}`).join(", ")}`;
}
