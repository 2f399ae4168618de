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
  /** The first 2xx response: status, media type and schema (none for empty bodies). */
  success: { status: number; mediaType?: string; schema?: Schema };
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

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
      const responses = op.responses as Record<string, unknown>;
      const status = Object.keys(responses)
        .filter((s) => /^2\d\d$/.test(s))
        .sort()[0];
      if (!status) throw new Error(`${method.toUpperCase()} ${path} has no 2xx response`);
      const response = deref<{ content?: Record<string, { schema?: Schema }> }>(doc, responses[status]);
      const [mediaType, content] = Object.entries(response.content ?? {})[0] ?? [];
      operations.push({
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        path,
        tag: ((op.tags as string[] | undefined) ?? ["default"])[0] ?? "default",
        pathParams,
        queryParams,
        ...(body ? { body } : {}),
        success: { status: Number(status), ...(mediaType ? { mediaType, schema: content?.schema } : {}) },
      });
    }
  }
  return operations;
}
