// Does Prism judge an operation at all? For each operation, the derived valid
// arguments are broken in one way the spec forbids (a required body field or
// query parameter left out, a value of the wrong type, outside its enum or
// pattern), or, for operations whose inputs the spec leaves unconstrained, the
// credentials are left out. Prism must reject that request; an operation whose
// broken request Prism lets through is one Prism cannot judge.
import { deref, type OpenApiDocument, type Schema, type SpecOperation } from "@sciclients/test-utils";
import type { CallArguments } from "./contract.js";
import { mergeAllOf } from "./values.js";

export interface Breakage {
  /** What was broken, e.g. `body.name left out` or `query.page = "not-a-number"`. */
  what: string;
  args: CallArguments;
  /** True when the credentials are what is left out (the call goes through a client without auth). */
  withoutCredentials?: boolean;
}

const resolve = (doc: OpenApiDocument, schema: unknown): Schema => mergeAllOf(doc, deref<Schema>(doc, schema ?? {}));

/** A value of the wrong kind for `schema`, or undefined when every value is valid (an unconstrained string). */
function invalidValue(doc: OpenApiDocument, input: unknown): unknown {
  const schema = resolve(doc, input);
  if (Array.isArray(schema.enum)) return "not-one-of-the-enum";
  switch (schema.type) {
    case "integer":
    case "number":
      return "not-a-number";
    case "boolean":
      return "not-a-boolean";
    case "array": {
      const item = invalidValue(doc, schema.items);
      return item === undefined ? undefined : [item];
    }
    case "string":
      if (typeof schema.pattern === "string") return "!! breaks the pattern !!";
      if (schema.format === "date-time" || schema.format === "date" || schema.format === "uuid") return `not-a-${schema.format}`;
      if (typeof schema.minLength === "number" && schema.minLength > 0) return "";
      return undefined;
    default:
      return undefined;
  }
}

const clone = (args: CallArguments): CallArguments => ({
  pathArgs: [...args.pathArgs],
  ...(args.query ? { query: { ...args.query } } : {}),
  ...(args.body !== undefined ? { body: args.body } : {}),
});

/** The first way to break `args` that the spec forbids; without any, the credentials go. */
export function breakArguments(doc: OpenApiDocument, op: SpecOperation, args: CallArguments): Breakage | undefined {
  // A body: leave out a required field, else give a field a value of the wrong kind.
  if (op.body && /json|form/.test(op.body.mediaType) && args.body && typeof args.body === "object" && !Array.isArray(args.body)) {
    const schema = resolve(doc, op.body.schema);
    const body = args.body as Record<string, unknown>;
    const required = ((schema.required as string[] | undefined) ?? []).filter((name) => name in body);
    if (required[0] !== undefined) {
      const { [required[0]]: _dropped, ...rest } = body;
      return { what: `body.${required[0]} left out`, args: { ...clone(args), body: rest } };
    }
    for (const [name, prop] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) {
      const wrong = invalidValue(doc, prop);
      if (wrong !== undefined && name in body)
        return { what: `body.${name} = ${JSON.stringify(wrong)}`, args: { ...clone(args), body: { ...body, [name]: wrong } } };
    }
  }
  if (op.body && /json/.test(op.body.mediaType) && args.body !== undefined && op.body.required) {
    // A required JSON body that is not an object (or one with no constraint to break): leave it out.
    if (typeof args.body !== "object" || args.body === null)
      return { what: "required body left out", args: { ...clone(args), body: undefined } };
  }
  // Query parameters: leave out a required one, else give one a value of the wrong kind.
  for (const p of op.queryParams) {
    if (p.required && args.query) {
      const { [p.name]: _dropped, ...rest } = args.query;
      return { what: `query.${p.name} left out`, args: { ...clone(args), query: rest } };
    }
  }
  for (const p of op.queryParams) {
    const wrong = invalidValue(doc, p.schema);
    if (wrong !== undefined && args.query)
      return { what: `query.${p.name} = ${JSON.stringify(wrong)}`, args: { ...clone(args), query: { ...args.query, [p.name]: wrong } } };
  }
  // Path parameters with a type, enum or pattern.
  for (const [i, p] of op.pathParams.entries()) {
    const wrong = invalidValue(doc, p.schema);
    if (wrong !== undefined && wrong !== "") {
      const pathArgs = [...args.pathArgs];
      pathArgs[i] = wrong;
      return { what: `path.${p.name} = ${JSON.stringify(wrong)}`, args: { ...clone(args), pathArgs } };
    }
  }
  // Nothing in the inputs to break: the credentials, when the operation needs them.
  const raw = doc.paths[op.path]?.[op.method.toLowerCase()] as { security?: unknown[] } | undefined;
  const global = (doc as { security?: unknown[] }).security ?? [];
  const security = raw?.security ?? global;
  const needsCredentials = security.length > 0 && !security.some((s) => s && typeof s === "object" && Object.keys(s).length === 0);
  if (needsCredentials) return { what: "credentials left out", args: clone(args), withoutCredentials: true };
  return undefined;
}
