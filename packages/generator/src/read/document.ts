// Read, the first stage: a service's spec (OpenAPI 3.0, 3.1 or Swagger 2.0, YAML
// or JSON) parsed, checked enough to fail fast on a document no client can come
// from, with references to other files bundled in and Swagger 2.0 converted to
// OpenAPI 3. specs/ stays the source of truth: nothing is written back.
import { load as loadYaml } from "js-yaml";
import { parse } from "yaml";
import { forEachRef, isObject, METHODS, pointer, refTokens, resolveTokens, type Token } from "../prepare/walk.ts";
import type { JsonObject } from "../types.ts";

/** A document that cannot become a client: names the file, the JSON pointer and the reason. */
export class PrepareError extends Error {
  readonly file: string;
  readonly pointer: string;
  readonly reason: string;
  constructor(file: string, tokens: readonly Token[], reason: string) {
    const at = pointer(tokens);
    super(`${file}#${at}: ${reason}`);
    this.name = "PrepareError";
    this.file = file;
    this.pointer = at;
    this.reason = reason;
  }
}

/** Parses YAML or JSON text; a syntax error names the line and column. */
export function parseDocument(text: string, file: string): unknown {
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
    const position = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    const where = position ? ` (line ${position.line}, column ${position.col})` : "";
    throw new PrepareError(file, [], `not valid YAML or JSON${where}: ${firstLine(error)}`);
  }
}

/** Structural checks that hold for Swagger 2.0 and OpenAPI 3 alike; throws on the first problem. */
export function checkStructure(doc: unknown, file: string): asserts doc is JsonObject & { paths: JsonObject } {
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
      const at: Token[] = ["paths", route, method];
      if (!isObject(op)) throw new PrepareError(file, at, "an operation must be an object");
      if (op.parameters !== undefined && !Array.isArray(op.parameters))
        throw new PrepareError(file, [...at, "parameters"], "parameters must be a list");
      for (const [i, p] of [...(Array.isArray(op.parameters) ? op.parameters : []).entries()]) {
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
export function checkRefs(doc: unknown, file: string): boolean {
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

export async function bundleExternalRefs(file: string): Promise<unknown> {
  const { default: SwaggerParser } = await import("@apidevtools/swagger-parser");
  try {
    return await SwaggerParser.bundle(file, { resolve: { http: { timeout: 20_000 } } });
  } catch (error) {
    throw new PrepareError(file, [], `could not bundle external references: ${firstLine(error)}`);
  }
}

export async function convertSwagger(doc: JsonObject, file: string): Promise<JsonObject & { paths: JsonObject }> {
  const { default: converter } = await import("swagger2openapi");
  try {
    // The types of swagger2openapi want a typed Swagger document: this one is checked by checkStructure only.
    const { openapi } = await converter.convertObj(structuredClone(doc) as never, {
      patch: true,
      warnOnly: true,
      resolveInternal: false,
      direct: false,
    });
    // The converter writes an OpenAPI 3 document with the paths of the Swagger one.
    return openapi as unknown as JsonObject & { paths: JsonObject };
  } catch (error) {
    const context = (error as { options?: { context?: unknown[] } }).options?.context?.at(-1);
    const at = typeof context === "string" ? context.replace(/^#/, "") : "";
    throw new PrepareError(file, at ? at.split("/").slice(1) : [], `Swagger 2.0 conversion failed: ${firstLine(error)}`);
  }
}

/** The first line of an error's message. */
function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split("\n")[0] ?? "";
}
