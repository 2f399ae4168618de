// Calls one operation through its generated function against an MSW server and
// checks what went over the wire (method, path, query, body) and what came back.
import { HttpResponse, http } from "msw";
import type { SetupServer } from "msw/node";
import { sample } from "openapi-sampler";
import { expect } from "vitest";
import { deref, type OpenApiDocument, type Schema, type SpecOperation, withoutFragment } from "./spec.js";

// biome-ignore lint/suspicious/noExplicitAny: generated functions have every shape; the harness calls them by position.
export type AnyFunction = (...args: any[]) => Promise<unknown>;

/** A value for a schema: its example or a sample built from its type (deterministic). */
export function sampleFor(doc: OpenApiDocument, schema: Schema | undefined): unknown {
  if (!schema) return undefined;
  return sample(schema as never, { skipReadOnly: true, quiet: true }, doc as never);
}

/** Path values with characters that must be percent-encoded, to prove they are. */
function pathValue(doc: OpenApiDocument, name: string, schema: Schema): string | number {
  const resolved = deref(doc, schema);
  if (resolved.type === "integer" || resolved.type === "number") return 7;
  if (Array.isArray(resolved.enum) && resolved.enum.length > 0) return String(resolved.enum[0]);
  return `${name} a/b:c`;
}

function isBinary(doc: OpenApiDocument, schema: unknown): boolean {
  const s = deref(doc, schema);
  return s.type === "string" && s.format === "binary";
}

/** Body values: sampled, with files for binary fields (named, with known bytes). */
function bodyValue(doc: OpenApiDocument, op: SpecOperation): unknown {
  if (!op.body) return undefined;
  const schema = deref(doc, op.body.schema);
  if (op.body.mediaType === "multipart/form-data") {
    const value: Record<string, unknown> = {};
    for (const [key, prop] of Object.entries((schema.properties as Record<string, Schema>) ?? {})) {
      value[key] = isBinary(doc, prop)
        ? new File([`bytes of ${key}`], `${key}.sdf`, { type: "chemical/x-mdl-sdfile" })
        : sampleFor(doc, prop);
    }
    return value;
  }
  if (op.body.mediaType === "application/octet-stream") return new Uint8Array([1, 2, 3, 250]);
  return op.body.example ?? sampleFor(doc, op.body.schema);
}

const asText = (v: unknown) => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));

/** What axios puts in the query string for each value (arrays repeat the key). */
function expectedQuery(values: Record<string, unknown>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) pairs.push([key, asText(item)]);
  }
  return pairs.sort();
}

export interface Recorded {
  method: string;
  url: URL;
  contentType: string | null;
  authorization: string | null;
  json?: unknown;
  form?: [string, string][];
  multipart?: { name: string; value: string; filename?: string }[];
  bytes?: Uint8Array;
}

export interface ExerciseOptions {
  doc: OpenApiDocument;
  op: SpecOperation;
  fn: AnyFunction;
  server: SetupServer;
  /** Base URL of the client (origin + path prefix). */
  baseURL: string;
  /** Extra request options for the call, e.g. `{ client }`. */
  requestOptions: Record<string, unknown>;
}

/**
 * The arguments of one call of `op`'s generated function, sampled from the
 * spec: path values (with characters that must be encoded), the body, the query
 * parameters; `args` in the order the function takes them, before its request options.
 */
export function sampleArguments(doc: OpenApiDocument, op: SpecOperation) {
  const pathArgs = op.pathParams.map((p) => pathValue(doc, p.name, p.schema));
  const query: Record<string, unknown> = {};
  for (const p of op.queryParams) query[p.name] = p.example ?? sampleFor(doc, p.schema);
  const body = bodyValue(doc, op);
  const args: unknown[] = [...pathArgs];
  if (op.body) args.push(body);
  if (op.queryParams.length > 0) args.push(query);
  return { pathArgs, query, body, args };
}

/** Calls `fn` with values sampled from the spec; returns what the server saw and what the function returned. */
export async function exerciseOperation({ doc, op, fn, server, baseURL, requestOptions }: ExerciseOptions) {
  const { pathArgs, query, body, args } = sampleArguments(doc, op);

  const media = op.success.mediaType ?? "";
  const isText = /^text\/|ndjson|tab-separated|csv/.test(media);
  const isJson = !isText && media.includes("json");
  const responseBody = isJson ? sampleFor(doc, op.success.schema) : undefined;
  // Text that looks like JSON, to prove text responses are not parsed.
  const responseText = isText ? `{"line":1}\n${op.operationId}\tvalue\n` : undefined;
  const responseBytes = media && !isJson && !isText ? new TextEncoder().encode(`payload of ${op.operationId}\t\n`) : undefined;

  let recorded: Recorded | undefined;
  server.use(
    http.all("*", async ({ request }) => {
      const contentType = request.headers.get("content-type");
      const rec: Recorded = {
        method: request.method,
        url: new URL(request.url),
        contentType,
        authorization: request.headers.get("authorization"),
      };
      if (contentType?.includes("application/json")) rec.json = await request.json();
      else if (contentType?.includes("application/x-www-form-urlencoded")) rec.form = [...new URLSearchParams(await request.text())].sort();
      else if (contentType?.includes("multipart/form-data")) {
        const form = await request.formData();
        rec.multipart = [];
        for (const [name, value] of form) {
          if (typeof value === "string") rec.multipart.push({ name, value });
          else rec.multipart.push({ name, value: await value.text(), filename: value.name });
        }
      } else if (request.body) rec.bytes = new Uint8Array(await request.arrayBuffer());
      recorded = rec;
      if (responseText !== undefined)
        return new HttpResponse(responseText, { status: op.success.status, headers: { "content-type": media } });
      if (responseBytes)
        return new HttpResponse(responseBytes, { status: op.success.status, headers: { "content-type": op.success.mediaType ?? "" } });
      if (responseBody === undefined) return new HttpResponse(null, { status: op.success.status === 200 ? 204 : op.success.status });
      return HttpResponse.json(responseBody as never, { status: op.success.status });
    }),
  );

  // An operation declaring no success answers with its error response: the call must reject with that status.
  const failing = op.success.status >= 300;
  const outcome = await fn(...args, requestOptions).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!failing && "error" in outcome) throw outcome.error;
  const result = "value" in outcome ? outcome.value : undefined;

  if (!recorded) throw new Error(`${op.operationId}: no request reached the server`);
  const base = new URL(baseURL);
  const expectedPath =
    base.pathname.replace(/\/$/, "") +
    // Any template name, dashes and dots included (`{user-id}`), as the generated functions accept them.
    withoutFragment(op.path).replace(/\{([^}/]+)\}/g, (_, name: string) =>
      encodeURIComponent(String(pathArgs[op.pathParams.findIndex((p) => p.name === name)])),
    );

  expect(recorded.method, `${op.operationId} method`).toBe(op.method);
  expect(recorded.url.origin, `${op.operationId} origin`).toBe(base.origin);
  expect(recorded.url.pathname, `${op.operationId} path`).toBe(expectedPath);
  expect([...recorded.url.searchParams].sort(), `${op.operationId} query`).toEqual(expectedQuery(query));

  if (op.body) {
    const media = op.body.mediaType;
    expect(recorded.contentType ?? "", `${op.operationId} content type`).toContain(media);
    if (media.includes("json")) expect(recorded.json, `${op.operationId} JSON body`).toEqual(body);
    else if (media === "application/x-www-form-urlencoded")
      expect(recorded.form, `${op.operationId} form body`).toEqual(expectedQuery(body as Record<string, unknown>));
    else if (media === "multipart/form-data") {
      const expected: { name: string; value: string; filename?: string }[] = [];
      for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
        if (value === undefined || value === null) continue;
        if (value instanceof File) expected.push({ name, value: await value.text(), filename: value.name });
        else for (const item of Array.isArray(value) ? value : [value]) expected.push({ name, value: asText(item) });
      }
      expect(recorded.multipart, `${op.operationId} multipart body`).toEqual(expected);
    }
  }

  if (failing) {
    const error = "error" in outcome ? (outcome.error as { name?: string; status?: number }) : undefined;
    expect(error?.name, `${op.operationId} rejects its declared ${op.success.declared} answer`).toBe("ApiError");
    expect(error?.status, `${op.operationId} error status`).toBe(op.success.status);
  } else if (responseText !== undefined) {
    expect(result, `${op.operationId} returns the text unparsed`).toBe(responseText);
  } else if (responseBytes) {
    expect(result, `${op.operationId} returns bytes`).toBeInstanceOf(Uint8Array);
    expect(new Uint8Array(result as Uint8Array), `${op.operationId} bytes`).toEqual(responseBytes);
  } else if (responseBody === undefined) {
    expect(result, `${op.operationId} empty result`).toBeUndefined();
  } else {
    expect(result, `${op.operationId} result`).toEqual(responseBody);
  }
  return { recorded, result };
}

/** The values a path parameter must never take: they would change which resource the path names. */
export const DOT_SEGMENT_VALUES = ["..", ".", "", "%2E%2e", "%2e."] as const;

/**
 * Calls `fn` once per path parameter with `..` in it (and, for the first
 * parameter, every other dot-segment value), the other parameters valid:
 * each call must fail with an ApiError (`invalid_path_parameter`) naming the
 * operation and the parameter, and no request may reach the server.
 */
export async function refusesDotSegments({ doc, op, fn, server, requestOptions }: ExerciseOptions): Promise<void> {
  let reached = 0;
  server.use(
    http.all("*", () => {
      reached++;
      return new HttpResponse(null, { status: 204 });
    }),
  );
  const valid = op.pathParams.map((p) => pathValue(doc, p.name, p.schema));
  for (const [index, param] of op.pathParams.entries()) {
    for (const bad of index === 0 ? DOT_SEGMENT_VALUES : [".."]) {
      const args: unknown[] = valid.map((value, i) => (i === index ? bad : value));
      if (op.body) args.push(bodyValue(doc, op));
      if (op.queryParams.length > 0) args.push({});
      args.push(requestOptions);
      const error = (await Promise.resolve()
        .then(() => fn(...args))
        .then(
          () => undefined,
          (e: unknown) => e,
        )) as { name?: string; code?: string; message?: string } | undefined;
      const what = `${op.operationId}(${param.name} = ${JSON.stringify(bad)})`;
      expect(error?.name, what).toBe("ApiError");
      expect(error?.code, what).toBe("invalid_path_parameter");
      expect(error?.message, what).toContain(op.operationId);
      // The generated function's argument: the spec's name in camel case (asset_id → assetId).
      const argument = param.name.replace(/[-_.]+(\w)/g, (_, c: string) => c.toUpperCase());
      expect(error?.message, what).toMatch(new RegExp(`path parameter (${param.name}|${argument}) `));
    }
  }
  expect(reached, `${op.operationId}: requests that reached the server`).toBe(0);
}
