// The request body of an operation from --body (inline JSON, @file, - for
// stdin) and the field flags, encoded as the operation's content type asks.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { toFormUrlEncoded, toMultipart } from "@sciclients/core";
import type { OperationEntry } from "./catalogue-types.js";
import { UsageError } from "./errors.js";
import { kebabCase } from "./names.js";

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The bytes --body names: a file (@path), stdin (-) or, for JSON, the text itself. */
async function bodyBytes(value: string, stdin: NodeJS.ReadableStream): Promise<{ bytes: Uint8Array; from: string }> {
  if (value === "-") return { bytes: await readAll(stdin), from: "stdin" };
  if (value.startsWith("@")) {
    const file = value.slice(1);
    try {
      return { bytes: await readFile(file), from: file };
    } catch (error) {
      throw new UsageError(`--body: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  return { bytes: Buffer.from(value), from: "--body" };
}

async function uploadOf(path: string, flag: string): Promise<File> {
  try {
    return new File([await readFile(path)], basename(path));
  } catch (error) {
    throw new UsageError(`--${flag}: cannot read the file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

export interface BodyInput {
  /** The --body flag's value. */
  body: string | undefined;
  /** Body fields given as flags, by field name. */
  fields: Map<string, unknown>;
  stdin: NodeJS.ReadableStream;
}

/** The body and its content type, or undefined when the operation takes none and none was given. */
export async function requestBody(
  operation: OperationEntry,
  input: BodyInput,
): Promise<{ data: unknown; contentType: string } | undefined> {
  const spec = operation.body;
  if (!spec) return undefined;
  const structured = /json|multipart|x-www-form-urlencoded/.test(spec.contentType);
  if (!structured) {
    if (input.body === undefined) {
      if (spec.required) throw new UsageError(`--body is required: the ${spec.contentType} body (@file or - for stdin)`);
      return undefined;
    }
    if (!input.body.startsWith("@") && input.body !== "-")
      throw new UsageError(`--body expects @file or - (stdin) for a ${spec.contentType} body`);
    const { bytes } = await bodyBytes(input.body, input.stdin);
    return { data: bytes, contentType: spec.contentType };
  }
  let value: unknown;
  if (input.body !== undefined) {
    const { bytes, from } = await bodyBytes(input.body, input.stdin);
    try {
      value = JSON.parse(Buffer.from(bytes).toString("utf8"));
    } catch (error) {
      throw new UsageError(`--body expects JSON (inline, @file.json or - for stdin); ${from} is not JSON: ${(error as Error).message}`);
    }
  }
  if (input.fields.size > 0) {
    if (value !== undefined && (value === null || typeof value !== "object" || Array.isArray(value))) {
      throw new UsageError("--body must be a JSON object when body fields are also given as flags");
    }
    value = { ...(value as object | undefined), ...Object.fromEntries(input.fields) };
  }
  if (value === undefined) {
    // An optional body is left out; a required one with fields starts empty (the check below names what is missing).
    if (!spec.required) return undefined;
    if (spec.fields.length === 0) throw new UsageError(`--body is required: the ${spec.contentType} body as JSON`);
    value = {};
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const missing = spec.fields.filter((f) => f.required && (value as Record<string, unknown>)[f.name] === undefined);
    if (missing.length > 0) {
      const names = missing.map((f) => `--${kebabCase(f.name)} (${f.file ? "a file path" : f.type})`).join(", ");
      throw new UsageError(
        `missing required body field${missing.length > 1 ? "s" : ""} ${names}; give ${missing.length > 1 ? "them" : "it"} as flags or in --body`,
      );
    }
  }
  if (spec.contentType.includes("multipart")) {
    const form: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const field of spec.fields.filter((f) => f.file)) {
      const given = form[field.name];
      if (given === undefined) continue;
      const flag = kebabCase(field.name);
      form[field.name] = Array.isArray(given)
        ? await Promise.all(given.map((p) => uploadOf(String(p), flag)))
        : await uploadOf(String(given), flag);
    }
    return { data: toMultipart(form), contentType: spec.contentType };
  }
  if (spec.contentType.includes("x-www-form-urlencoded")) return { data: toFormUrlEncoded(value as object), contentType: spec.contentType };
  return { data: value, contentType: spec.contentType };
}
