// Calls one operation through its generated function and the client's axios
// instance, with arguments derived from the spec, and reports what Prism said.
import { isApiError, type ServiceClient } from "@sciclients/core";
import { deref, type OpenApiDocument, type Schema, type SpecOperation } from "@sciclients/test-utils";
import type { AnyFunction } from "./services.js";
import { hashSeed, mergeAllOf, seededRandom, specExample, type ValueContext, valueFor } from "./values.js";

export interface CallArguments {
  pathArgs: unknown[];
  body?: unknown;
  query?: Record<string, unknown>;
}

export interface Outcome {
  operationId: string;
  method: string;
  path: string;
  passed: boolean;
  /** HTTP status Prism answered with (undefined when no response arrived). */
  status?: number;
  /** What Prism reported: the `sl-violations` header, or the error body's `validation` list. */
  violations?: unknown;
  /** Why the operation failed, in one line. */
  reason?: string;
  /** What the client returned. */
  result?: unknown;
  /** The entry point the function came from (`./<tag>`, `./functions`). */
  entryPoint?: string;
  /** Where the arguments came from: the spec's examples, or generated from its schemas only. */
  mode?: "examples" | "generated";
  /** The arguments sent (files and bytes described, not included). */
  sent?: CallArguments;
  ms: number;
}

type RawOperation = {
  parameters?: unknown[];
  requestBody?: unknown;
};

type Example = { example?: unknown; examples?: Record<string, { value?: unknown }> };

function rawOperation(doc: OpenApiDocument, op: SpecOperation): { op: RawOperation; shared: unknown[] } {
  const item = doc.paths[op.path] as Record<string, unknown> & { parameters?: unknown[] };
  return { op: item[op.method.toLowerCase()] as RawOperation, shared: item.parameters ?? [] };
}

function contextFor(doc: OpenApiDocument, seed: string, examples: boolean): ValueContext {
  return {
    doc,
    examples,
    random: seededRandom(hashSeed(seed)),
    direction: "request",
    file: (name) => new File([`contract bytes of ${name}\n`], `${name}.txt`, { type: "text/plain" }),
  };
}

/**
 * Arguments for every parameter (required and optional) and the body: the
 * spec's examples where it has them and values generated from the schemas
 * elsewhere (`examples`), or generated values only (`generated`: every
 * optional property, patterns and formats instead of the authors' examples).
 */
export function argumentsFor(doc: OpenApiDocument, op: SpecOperation, mode: "examples" | "generated" = "examples"): CallArguments {
  const ctx = contextFor(doc, `${op.operationId} ${mode}`, mode === "examples");
  const raw = rawOperation(doc, op);
  const params = [...raw.shared, ...(raw.op.parameters ?? [])].map((p) =>
    deref<Example & { name: string; in: string; schema?: Schema }>(doc, p),
  );
  const parameterValue = (name: string, location: string) => {
    const param = params.filter((p) => p.name === name && p.in === location).at(-1);
    if (!param) throw new Error(`${op.operationId}: no ${location} parameter ${name}`);
    const example = ctx.examples ? specExample(param) : undefined;
    return example !== undefined ? structuredClone(example) : valueFor(ctx, param.schema, name);
  };
  const args: CallArguments = { pathArgs: op.pathParams.map((p) => parameterValue(p.name, "path")) };
  if (op.queryParams.length > 0) args.query = Object.fromEntries(op.queryParams.map((p) => [p.name, parameterValue(p.name, "query")]));
  if (op.body) args.body = bodyFor(ctx, op, raw.op);
  return args;
}

function bodyFor(ctx: ValueContext, op: SpecOperation, raw: RawOperation): unknown {
  const body = op.body;
  if (!body) return undefined;
  const requestBody = deref<{ content: Record<string, Example & { schema?: Schema }> }>(ctx.doc, raw.requestBody);
  const media = requestBody.content[body.mediaType];
  if (body.mediaType === "application/octet-stream") return new Uint8Array([0x63, 0x6f, 0x6e, 0x74, 0x72, 0x61, 0x63, 0x74]);
  if (body.mediaType === "multipart/form-data" || body.mediaType === "application/x-www-form-urlencoded") {
    // Form fields one by one: files for binary fields, the rest from their schemas.
    const schema = mergeAllOf(ctx.doc, deref(ctx.doc, body.schema));
    const out: Record<string, unknown> = {};
    for (const [key, prop] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) {
      if (deref<Schema>(ctx.doc, prop).readOnly === true) continue;
      out[key] = valueFor(ctx, prop, key, 1);
    }
    return out;
  }
  const example = ctx.examples ? specExample(media) : undefined;
  return example !== undefined ? structuredClone(example) : valueFor(ctx, body.schema, "body");
}

/** The positional arguments of a generated function: path parameters, body, query parameters, request options. */
export function positional(op: SpecOperation, args: CallArguments, options: Record<string, unknown>): unknown[] {
  const out: unknown[] = [...args.pathArgs];
  if (op.body) out.push(args.body);
  if (op.queryParams.length > 0) out.push(args.query);
  out.push(options);
  return out;
}

export interface CallOptions {
  doc: OpenApiDocument;
  op: SpecOperation;
  fn: AnyFunction;
  client: ServiceClient;
  /** Arguments to send instead of the derived ones (negative cases). */
  args?: CallArguments;
  timeoutMs?: number;
}

/**
 * The URL of every request a client sends, by the `contractCall` id its
 * options carried (axios keeps unknown options in the request config). The
 * interceptor only looks: it changes nothing in the request.
 */
const sentUrls = new WeakMap<ServiceClient, Map<string, string>>();
let nextCall = 0;

function urlsOf(client: ServiceClient): Map<string, string> {
  let urls = sentUrls.get(client);
  if (!urls) {
    const map = new Map<string, string>();
    client.axios.interceptors.request.use((config) => {
      const id = (config as { contractCall?: string }).contractCall;
      if (id) map.set(id, client.axios.getUri(config));
      return config;
    });
    sentUrls.set(client, map);
    urls = map;
  }
  return urls;
}

/**
 * Prism ignores query parameters the operation does not declare, so a client
 * that misnamed or mis-serialised an optional one (`tags[]=a` for `tags=a`)
 * would pass. The URL actually sent must carry exactly the declared names of
 * the parameters given.
 */
export function queryMismatch(op: SpecOperation, url: string | undefined, query: Record<string, unknown> | undefined): string | undefined {
  if (url === undefined) return "the request's URL was not recorded";
  const names = new Set(new URL(url).searchParams.keys());
  const declared = new Set(op.queryParams.map((p) => p.name));
  const undeclared = [...names].filter((n) => !declared.has(n));
  const missing = Object.entries(query ?? {})
    .filter(([name, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0) && !names.has(name))
    .map(([name]) => name);
  if (undeclared.length === 0 && missing.length === 0) return undefined;
  return `query string ${new URL(url).search}: ${undeclared.length ? `undeclared ${undeclared.join(", ")}` : ""}${undeclared.length && missing.length ? "; " : ""}${missing.length ? `missing ${missing.join(", ")}` : ""}`;
}

/** Sends one request and judges it: passed when the client returned and Prism reported no violation. */
export async function callOperation({ doc, op, fn, client, args, timeoutMs = 10_000 }: CallOptions): Promise<Outcome> {
  const started = performance.now();
  const sent = args ?? argumentsFor(doc, op);
  const base = { operationId: op.operationId, method: op.method, path: op.path, sent: describeArgs(sent) };
  let headers: Record<string, string> = {};
  let status: number | undefined;
  const urls = urlsOf(client);
  const contractCall = `${op.operationId}#${nextCall++}`;
  const options = {
    client,
    contractCall,
    timeout: timeoutMs,
    onResponse: (info: { status: number; headers: Record<string, string> }) => {
      status = info.status;
      headers = info.headers;
    },
  };
  try {
    const result = await fn(...positional(op, sent, options));
    const ms = Math.round(performance.now() - started);
    const header = headers["sl-violations"];
    if (header) {
      return { ...base, passed: false, status, violations: parseJson(header), reason: `Prism reported violations: ${header}`, result, ms };
    }
    const url = urls.get(contractCall);
    urls.delete(contractCall);
    const mismatch = queryMismatch(op, url, sent.query) ?? resultMismatch(doc, op, result);
    if (mismatch) return { ...base, passed: false, status, reason: mismatch, result, ms };
    return { ...base, passed: true, status, result, ms };
  } catch (error) {
    urls.delete(contractCall);
    const ms = Math.round(performance.now() - started);
    if (isApiError(error)) {
      const body = error.body as { validation?: unknown } | undefined;
      return {
        ...base,
        passed: false,
        status: error.status,
        violations: body?.validation ?? body,
        reason: `${error.message}${body?.validation ? `: ${JSON.stringify(body.validation)}` : ""}`,
        ms,
      };
    }
    return { ...base, passed: false, reason: `threw ${(error as Error)?.stack ?? String(error)}`, ms };
  }
}

/** What the typed result must be for the success response's media type: bytes, text, parsed JSON or nothing. */
export function resultMismatch(doc: OpenApiDocument, op: SpecOperation, result: unknown): string | undefined {
  const media = op.success.mediaType;
  const got = result instanceof Uint8Array ? "bytes" : Array.isArray(result) ? "array" : result === null ? "null" : typeof result;
  let want: string;
  if (!media) want = "undefined";
  else if (/^text\/|ndjson|tab-separated|csv/.test(media)) want = "string";
  else if (media.includes("json")) {
    const schema = mergeAllOf(doc, deref<Schema>(doc, op.success.schema ?? {}));
    const type = typeof schema.type === "string" ? schema.type : schema.properties || schema.additionalProperties ? "object" : undefined;
    want = type === "integer" ? "number" : (type ?? got);
    if (schema.nullable === true && got === "null") want = "null";
  } else want = "bytes";
  return got === want ? undefined : `returned ${got} for a ${op.success.status} ${media ?? "response without content"}; expected ${want}`;
}

function describeArgs(args: CallArguments): CallArguments {
  return JSON.parse(
    JSON.stringify(args, (_key, value) => {
      if (value instanceof File) return `<File ${value.name}, ${value.size} bytes>`;
      if (value instanceof Uint8Array) return `<${value.length} bytes>`;
      return value;
    }),
  ) as CallArguments;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
