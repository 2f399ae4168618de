// Reads an OpenAPI document into the list of operations a client must cover.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export type Schema = Record<string, unknown>;
export type OpenApiDocument = { paths: Record<string, Record<string, unknown>>; components?: Record<string, Record<string, unknown>> };

export interface SpecParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schema: Schema;
  example?: unknown;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  tag: string;
  pathParams: SpecParameter[];
  queryParams: SpecParameter[];
  body?: { mediaType: string; schema: Schema; required: boolean; example?: unknown };
  /**
   * The response the operation is exercised with: status, media type and schema
   * (none for empty bodies). Its first 2xx response; without one, its `default`
   * response (answered as 200) or else the lowest status it declares. `declared` is the key in the document it came from ("201", "default", "400").
   */
  success: { status: number; mediaType?: string; schema?: Schema; declared: string };
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

/** A path without its fragment: a fragment is never sent, so `/#X-Amz-Target=A.B` is requested as `/`. */
export function withoutFragment(path: string): string {
  return path.replace(/#.*$/, "");
}

export function loadSpec(file: string): OpenApiDocument {
  return parse(readFileSync(file, "utf8")) as OpenApiDocument;
}

/** Follows a local `$ref` (`#/components/...`) to the object it names. */
export function deref<T = Schema>(doc: OpenApiDocument, value: unknown): T {
  let current = value as Record<string, unknown>;
  const seen = new Set<string>();
  while (current && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`circular $ref ${ref}`);
    seen.add(ref);
    let target: unknown = doc;
    for (const part of ref.replace(/^#\//, "").split("/")) {
      target = (target as Record<string, unknown>)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
    current = target as Record<string, unknown>;
  }
  return current as T;
}

/**
 * The key of the response an operation is exercised with: its first 2xx; an
 * operation declaring none (a Swagger 2.0 `PUT /pet` with only 400, 404 and 405)
 * is still called, with its `default` response or else the lowest status it
 * declares (a parsed document keeps no order of numeric keys: they come sorted).
 */
function answerOf(responses: Record<string, unknown>): string | undefined {
  const keys = Object.keys(responses);
  const statuses = keys.filter((key) => /^[1-5]\d\d$/.test(key)).sort();
  return statuses.find((key) => key.startsWith("2")) ?? (keys.includes("default") ? "default" : statuses[0]);
}

export function listOperations(doc: OpenApiDocument): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = ((item as { parameters?: unknown[] }).parameters ?? []).map((p) => deref<SpecParameter>(doc, p));
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      const params = [...shared, ...((op.parameters as unknown[] | undefined) ?? []).map((p) => deref<SpecParameter>(doc, p))];
      const byPosition = (name: string) => path.indexOf(`{${name}}`);
      const pathParams = params.filter((p) => p.in === "path").sort((a, b) => byPosition(a.name) - byPosition(b.name));
      const queryParams = params.filter((p) => p.in === "query");
      let body: SpecOperation["body"];
      if (op.requestBody) {
        const rb = deref<{ required?: boolean; content: Record<string, { schema: Schema; example?: unknown }> }>(doc, op.requestBody);
        const [mediaType, content] = Object.entries(rb.content)[0] ?? [];
        if (mediaType && content) body = { mediaType, schema: content.schema, required: rb.required ?? false, example: content.example };
      }
      const responses = (op.responses ?? {}) as Record<string, unknown>;
      const declared = answerOf(responses);
      if (!declared) throw new Error(`${method.toUpperCase()} ${path} declares no response`);
      const status = declared === "default" ? 200 : Number(declared);
      const response = deref<{ content?: Record<string, { schema?: Schema }> }>(doc, responses[declared]);
      const [mediaType, content] = Object.entries(response.content ?? {})[0] ?? [];
      operations.push({
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        path,
        tag: ((op.tags as string[] | undefined) ?? ["default"])[0] ?? "default",
        pathParams,
        queryParams,
        ...(body ? { body } : {}),
        success: { status, declared, ...(mediaType ? { mediaType, schema: content?.schema } : {}) },
      });
    }
  }
  return operations;
}
