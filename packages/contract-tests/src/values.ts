// Schema-valid values for request arguments, derived from an OpenAPI 3.0 spec:
// the spec's own examples where it has them, otherwise values generated from
// the schema that honour its constraints (patterns through randexp, formats,
// lengths, ranges, enums, allOf/oneOf/anyOf). Deterministic: the same seed
// gives the same values, so a failure can be replayed.
import { deref, type OpenApiDocument, type Schema } from "@sciclients/test-utils";
import RandExp from "randexp";

/** A small seeded PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of a string (FNV-1a), to seed per operation. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface ValueContext {
  doc: OpenApiDocument;
  random: () => number;
  /** `request`: readOnly properties are left out (they are what servers set). */
  direction: "request" | "response";
  /** Files for `format: binary` fields (multipart uploads). */
  file: (name: string) => unknown;
  /** `false`: ignore the spec's examples and generate every value from its schema. */
  examples: boolean;
}

const MAX_DEPTH = 8;

/** Merges the subschemas of an `allOf` (properties, required, constraints) into one schema. */
export function mergeAllOf(doc: OpenApiDocument, schema: Schema): Schema {
  const parts = [schema, ...((schema.allOf as Schema[] | undefined) ?? []).map((s) => mergeAllOf(doc, deref(doc, s)))];
  const merged: Schema = {};
  const properties: Record<string, Schema> = {};
  const required = new Set<string>();
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key === "allOf") continue;
      if (key === "properties") Object.assign(properties, value as Record<string, Schema>);
      else if (key === "required") for (const name of value as string[]) required.add(name);
      else if (merged[key] === undefined) merged[key] = value;
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  return merged;
}

function resolve(doc: OpenApiDocument, schema: unknown): Schema {
  const s = deref<Schema>(doc, schema ?? {});
  return s.allOf ? mergeAllOf(doc, s) : s;
}

function typeOf(schema: Schema): string | undefined {
  if (typeof schema.type === "string") return schema.type;
  if (schema.properties || schema.additionalProperties) return "object";
  if (schema.items) return "array";
  return undefined;
}

const FORMATS: Record<string, (random: () => number) => string> = {
  "date-time": () => "2024-05-02T09:14:31Z",
  date: () => "2024-05-02",
  time: () => "09:14:31Z",
  uuid: (random) => "xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx".replace(/x/g, () => Math.floor(random() * 16).toString(16)),
  email: () => "ada@example.org",
  uri: () => "https://example.org/contract",
  url: () => "https://example.org/contract",
  "uri-reference": () => "/contract/path",
  hostname: () => "example.org",
  ipv4: () => "192.0.2.7",
  ipv6: () => "2001:db8::7",
  byte: () => "Y29udHJhY3Q=",
  password: () => "s3cret-Passw0rd",
};

function fitLength(value: string, schema: Schema): string {
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Number.POSITIVE_INFINITY;
  let out = value;
  while (out.length < min) out += "x";
  if (out.length > max) out = out.slice(0, max);
  return out;
}

function stringFromPattern(pattern: string, schema: Schema, random: () => number): string {
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Number.POSITIVE_INFINITY;
  const regex = new RegExp(pattern);
  const generator = new RandExp(regex);
  generator.randInt = (from, to) => from + Math.floor(random() * (to - from + 1));
  generator.max = 6;
  // Printable ASCII without quotes and backslash: keeps values readable in URLs and logs.
  generator.defaultRange.subtract(0, 47).subtract(58, 64).subtract(91, 96).subtract(123, 65535);
  let last = "";
  for (let attempt = 0; attempt < 50; attempt++) {
    last = generator.gen();
    if (last.length >= min && last.length <= max && regex.test(last)) return last;
  }
  throw new Error(`no value of length ${min}..${max} matches /${pattern}/ (last try "${last}")`);
}

function numberFor(schema: Schema, integer: boolean): number {
  const min = typeof schema.minimum === "number" ? schema.minimum : undefined;
  const max = typeof schema.maximum === "number" ? schema.maximum : undefined;
  const step = typeof schema.multipleOf === "number" ? schema.multipleOf : integer ? 1 : undefined;
  let value = min !== undefined ? min + (schema.exclusiveMinimum === true ? (step ?? 0.5) : 0) : max !== undefined ? Math.min(max, 1) : 1;
  if (max !== undefined && value > max) value = max;
  if (max !== undefined && schema.exclusiveMaximum === true && value >= max) value = max - (step ?? 0.5);
  if (step) value = Math.ceil(value / step) * step;
  return integer ? Math.round(value) : value;
}

/** The spec's example of a parameter or media type: `example`, else the first of `examples`. */
export function specExample(holder: { example?: unknown; examples?: Record<string, { value?: unknown }> } | undefined): unknown {
  if (!holder) return undefined;
  if (holder.example !== undefined) return holder.example;
  const first = Object.values(holder.examples ?? {})[0];
  return first?.value;
}

/** A value valid for `schema`: its example, or one generated from its constraints. */
export function valueFor(ctx: ValueContext, input: unknown, name = "value", depth = 0): unknown {
  const schema = resolve(ctx.doc, input);
  const example = ctx.examples ? schema.example : undefined;
  if (example !== undefined && typeOf(schema) !== "object") return structuredClone(example);
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const value = schema.enum.find((v) => v !== null);
    return value === undefined ? null : value;
  }
  const choices = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (choices && choices.length > 0) {
    const options = choices.map((c) => resolve(ctx.doc, c));
    // The first choice that is not just `null`; its constraints plus the outer schema's own.
    const pick = options.find((o) => o.type !== "null") ?? options[0];
    const { oneOf: _o, anyOf: _a, ...outer } = schema;
    return valueFor(ctx, { ...outer, ...pick }, name, depth);
  }
  if (example !== undefined && !schema.properties) return structuredClone(example);
  switch (typeOf(schema)) {
    case "object": {
      const out: Record<string, unknown> = {};
      if (depth >= MAX_DEPTH) return out;
      for (const [key, propSchema] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) {
        const prop = resolve(ctx.doc, propSchema);
        if (ctx.direction === "request" && prop.readOnly === true) continue;
        if (ctx.direction === "response" && prop.writeOnly === true) continue;
        out[key] = valueFor(ctx, propSchema, key, depth + 1);
      }
      if (!schema.properties && schema.additionalProperties !== false) {
        const extra = schema.additionalProperties;
        out[`${name}_key`] = typeof extra === "object" && extra !== null ? valueFor(ctx, extra, `${name}_key`, depth + 1) : "value";
      }
      return out;
    }
    case "array": {
      // Two items where the schema allows it, so repeated keys (query, form, multipart) are exercised.
      const min = typeof schema.minItems === "number" ? schema.minItems : 0;
      const max = typeof schema.maxItems === "number" ? schema.maxItems : Number.POSITIVE_INFINITY;
      const count = Math.min(Math.max(min, 2), max);
      if (depth >= MAX_DEPTH) return [];
      const items: unknown[] = [];
      const item = resolve(ctx.doc, schema.items ?? {});
      for (let i = 0; i < count; i++) {
        const options = Array.isArray(item.enum) ? item.enum.filter((v) => v !== null) : [];
        items.push(options.length > 0 ? options[i % options.length] : valueFor(ctx, schema.items ?? {}, `${name}${i + 1}`, depth + 1));
      }
      if (schema.uniqueItems !== true) return items;
      // Items that came out equal (an example, a one-value enum) are kept once, down to minItems.
      const unique = items.filter((v, i) => items.findIndex((w) => JSON.stringify(w) === JSON.stringify(v)) === i);
      return unique.length >= min ? unique : items;
    }
    case "integer":
      return numberFor(schema, true);
    case "number":
      return numberFor(schema, false);
    case "boolean":
      return true;
    case "string": {
      if (schema.format === "binary") return ctx.file(name);
      if (typeof schema.pattern === "string") return stringFromPattern(schema.pattern, schema, ctx.random);
      const format = typeof schema.format === "string" ? FORMATS[schema.format] : undefined;
      if (format) return format(ctx.random);
      if (typeof schema.default === "string") return schema.default;
      return fitLength(`${name}-contract`, schema);
    }
    default:
      // An untyped schema accepts anything: a plain string is the least surprising.
      return "value";
  }
}
