// The spec against what IceProd's server does, route by route, as the fact lists in
// specs/reference/ record it (read off the server's handlers): the operation exists, the
// roles that may call it, its query parameters, body fields (required ones required),
// response keys, success status and declared error statuses.
import { readFileSync } from "node:fs";
import path from "node:path";
import { deref, loadSpec, type Schema } from "@sciclients/test-utils";
import { describe, expect, it } from "vitest";

const root = path.join(import.meta.dirname, "../../..");
const doc = loadSpec(path.join(root, "specs/iceprod.yaml"));

/** Rows of a tab-separated file with a header line, keyed by the header's names. */
function readTsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path.join(root, file), "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");
  const names = (header ?? "").split("\t");
  return lines.map((line) => Object.fromEntries(line.split("\t").map((value, i) => [names[i] ?? String(i), value])));
}

const endpoints = readTsv("specs/reference/iceprod-endpoints.tsv");
const fields = readTsv("specs/reference/iceprod-fields.tsv");

type Operation = Record<string, unknown> & {
  operationId: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: unknown[];
  description?: string;
};

function operation(method: string, route: string): Operation | undefined {
  return doc.paths[route]?.[method.toLowerCase()] as Operation | undefined;
}

/** The operation's parameters, the path item's shared ones included. */
function parameters(route: string, op: Operation): { name: string; in: string }[] {
  const shared = ((doc.paths[route] as { parameters?: unknown[] }).parameters ?? []) as unknown[];
  return [...shared, ...(op.parameters ?? [])].map((p) => deref<{ name: string; in: string }>(doc, p));
}

const list = (value: string | undefined) => (value === undefined || value === "-" || value === "" ? [] : value.split(","));
const sorted = (values: Iterable<string>) => [...values].sort();
const propertyNames = (schema: Schema) => sorted(Object.keys((deref(doc, schema).properties as Record<string, unknown>) ?? {}));

/** "admin,user,system; dataset_id:write" → roles and the per-dataset access. */
function parseRoles(value: string): { roles: string[]; access?: "read" | "write" } {
  const [roles = "", attr] = value.split(";").map((s) => s.trim());
  const access = attr?.match(/^dataset_id:(read|write)$/)?.[1] as "read" | "write" | undefined;
  return { roles: roles === "none" ? [] : roles.split(","), ...(access ? { access } : {}) };
}

/** The endpoints list writes roles as IceProd's decorator arguments: `[['admin', 'user'], 'attr:read']`. */
function parseDecoratorRoles(value: string): { roles: string[]; access?: "read" | "write" } {
  const roles = [...(value.match(/\[\[([^\]]*)\]/)?.[1] ?? "").matchAll(/'(\w+)'/g)].map((m) => m[1] as string);
  const access = value.match(/'attr:(read|write)'/)?.[1] as "read" | "write" | undefined;
  return { roles, ...(access ? { access } : {}) };
}

/** The line every operation's description ends with, so the roles show in the generated docs. */
function rolesLine(roles: string[], access?: "read" | "write"): string {
  if (roles.length === 0) return "Roles: none (no token needed).";
  return `Roles: ${roles.join(", ")}${access ? `; needs ${access} access to the dataset` : ""}.`;
}

function successStatus(op: Operation): string {
  const statuses = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s));
  expect(statuses, "one success response").toHaveLength(1);
  return statuses[0] as string;
}

function successContent(op: Operation): { mediaType: string; schema: Schema } {
  const response = deref<{ content?: Record<string, { schema: Schema }> }>(doc, op.responses[successStatus(op)]);
  const [mediaType, content] = Object.entries(response.content ?? {})[0] ?? [];
  if (!mediaType || !content) throw new Error(`${op.operationId}: the success response has no body`);
  return { mediaType, schema: content.schema };
}

/** Checks a response schema against the TSV's response_keys notation. */
function expectResponseKeys(op: Operation, keys: string): void {
  const { mediaType, schema: raw } = successContent(op);
  const schema = deref<Schema>(doc, raw);
  const stream = keys.match(/^stream:\{(.*)\}$/);
  if (stream) {
    expect(mediaType).toBe("application/x-ndjson");
    expect(propertyNames(op["x-stream-item-schema"] as Schema)).toEqual(sorted(list(stream[1])));
    return;
  }
  expect(mediaType).toBe("application/json");
  expect(schema.type, "a JSON object or array").toMatch(/^(object|array)$/);
  const values = (s: Schema) => [
    ...Object.values((s.properties as Record<string, Schema>) ?? {}),
    ...(typeof s.additionalProperties === "object" ? [s.additionalProperties as Schema] : []),
  ];
  const array = keys.match(/^\[\{(.*)\}\]$/);
  const keyed = keys.match(/^<\w+>:\{(.*)\}$/);
  if (keys === "{}") {
    expect(Object.keys((schema.properties as object) ?? {})).toEqual([]);
    expect(schema.additionalProperties).toBe(false);
  } else if (keys === "<config>") {
    expect(schema.type).toBe("object");
  } else if (array) {
    expect(schema.type).toBe("array");
    expect(propertyNames(schema.items as Schema)).toEqual(sorted(list(array[1])));
  } else if (keyed) {
    expect(schema.properties ?? {}, "keyed by id: no fixed keys").toEqual({});
    expect(propertyNames(schema.additionalProperties as Schema)).toEqual(sorted(list(keyed[1])));
  } else if (/^<\w+>:<int>$/.test(keys)) {
    expect(values(schema).length).toBeGreaterThan(0);
    for (const value of values(schema)) expect(deref<Schema>(doc, value).type).toBe("integer");
  } else if (/^<\w+>:<list of \w+>$/.test(keys)) {
    expect(values(schema).length).toBeGreaterThan(0);
    for (const value of values(schema)) {
      const s = deref<Schema>(doc, value);
      expect(s.type).toBe("array");
      expect(deref<Schema>(doc, s.items).type).toBe("string");
    }
  } else if (/^<\w+>:<map status:int>$/.test(keys)) {
    const inner = deref<Schema>(doc, schema.additionalProperties);
    expect(values(inner).length).toBeGreaterThan(0);
    for (const value of values(inner)) expect(deref<Schema>(doc, value).type).toBe("integer");
  } else {
    expect(schema.type).toBe("object");
    expect(propertyNames(schema)).toEqual(sorted(list(keys)));
  }
}

/** The route's body fields (`*` required, `<any>` passed through) against the request body's schema. */
function expectBodyFields(op: Operation, bodyFields: string): void {
  const named = list(bodyFields).filter((f) => f !== "<any>");
  const passThrough = list(bodyFields).includes("<any>");
  if (named.length === 0 && !passThrough) {
    expect(op.requestBody, "no request body").toBeUndefined();
    return;
  }
  const body = deref<{ required?: boolean; content: Record<string, { schema: Schema }> }>(doc, op.requestBody);
  expect(Object.keys(body.content)).toEqual(["application/json"]);
  const schema = deref<Schema>(doc, body.content["application/json"]?.schema);
  const names = named.map((f) => f.replace(/\*$/, ""));
  const required = named.filter((f) => f.endsWith("*")).map((f) => f.replace(/\*$/, ""));
  const properties = propertyNames(schema);
  if (passThrough) {
    // Fields the handler keeps as sent: the schema names the ones it reads (and may document others) and accepts more.
    expect(properties).toEqual(expect.arrayContaining(names));
    expect(schema.additionalProperties, "extra fields accepted").not.toBe(false);
  } else {
    expect(properties).toEqual(sorted(names));
  }
  expect(sorted((schema.required as string[]) ?? [])).toEqual(sorted(required));
  if (required.length > 0) expect(body.required, "the body is required").toBe(true);
}

describe("the fact lists", () => {
  it("name the same 81 routes, and /healthz", () => {
    expect(endpoints).toHaveLength(81);
    expect(fields).toHaveLength(82);
    const key = (r: Record<string, string>) => `${r.method} ${r.path}`;
    expect(sorted(fields.map(key).filter((k) => k !== "GET /healthz"))).toEqual(sorted(endpoints.map(key)));
  });

  it("agree on the roles of every route", () => {
    const byKey = new Map(fields.map((r) => [`${r.method} ${r.path}`, r]));
    for (const row of endpoints) {
      const other = byKey.get(`${row.method} ${row.path}`);
      expect(parseDecoratorRoles(row.roles as string), `${row.method} ${row.path}`).toEqual(parseRoles(other?.roles as string));
    }
  });
});

describe("every IceProd route, as the server behaves", () => {
  it("prints the coverage of the endpoints list", () => {
    const covered = endpoints.filter((r) => operation(r.method as string, r.path as string));
    console.info(`IceProd: ${covered.length}/${endpoints.length} routes of specs/reference/iceprod-endpoints.tsv in specs/iceprod.yaml`);
    expect(covered).toHaveLength(endpoints.length);
  });

  it("the spec has no operation the lists do not name", () => {
    const listed = new Set(fields.map((r) => `${r.method} ${r.path}`));
    const extra: string[] = [];
    for (const [route, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item))
        if (method !== "parameters" && !listed.has(`${method.toUpperCase()} ${route}`)) extra.push(route);
    }
    expect(extra).toEqual([]);
  });

  for (const row of fields) {
    const { method = "", path: route = "" } = row;
    describe(`${method} ${route}`, () => {
      const op = operation(method, route);
      const { roles, access } = parseRoles(row.roles as string);

      it("is in the spec", () => {
        expect(op, `${method} ${route}`).toBeDefined();
      });
      if (!op) return;

      it(`may be called by ${roles.join(", ") || "anyone"}${access ? ` with ${access} access to the dataset` : ""}`, () => {
        if (roles.length === 0) {
          expect(op.security).toEqual([]);
          expect(op["x-iceprod-roles"]).toBeUndefined();
        } else {
          expect(op.security, "the document's bearer token").toBeUndefined();
          expect(op["x-iceprod-roles"]).toEqual(roles);
          expect(op["x-iceprod-dataset-access"]).toBe(access);
        }
        expect(
          String(op.description ?? "")
            .trimEnd()
            .split("\n")
            .at(-1),
        ).toBe(rolesLine(roles, access));
      });

      it("takes the query parameters the handler reads", () => {
        const query = parameters(route, op).filter((p) => p.in === "query");
        expect(sorted(query.map((p) => p.name))).toEqual(sorted(list(row.query_args)));
      });

      it("takes the body fields the handler reads, the required ones required", () => {
        expectBodyFields(op, row.body_fields as string);
      });

      it("answers with the keys the handler writes", () => {
        expectResponseKeys(op, row.response_keys as string);
      });

      it("declares the statuses the handler sets", () => {
        const statuses = list(row.error_statuses);
        expect(successStatus(op)).toBe(statuses.includes("201") ? "201" : "200");
        const declared = Object.keys(op.responses).filter((s) => Number(s) >= 400);
        // Every authenticated route may also answer 503 with Retry-After when it is overloaded.
        const expected = statuses.filter((s) => Number(s) >= 400);
        expect(sorted(declared)).toEqual(sorted(roles.length > 0 ? [...expected, "503"] : expected));
      });
    });
  }
});

describe("errors as IceProd sends them", () => {
  it("no route declares 401: a missing, invalid or expired token gets 403 authentication failed", () => {
    const forbidden = deref<{ description: string; content: Record<string, { examples?: Record<string, { value: unknown }> }> }>(
      doc,
      (doc.components as Record<string, Record<string, unknown>>).responses?.Forbidden,
    );
    const examples = Object.values(forbidden.content["application/json"]?.examples ?? {}).map((e) => e.value);
    expect(examples).toContainEqual({ code: 403, error: "authentication failed" });
    for (const item of Object.values(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (method !== "parameters")
          expect(Object.keys((op as Operation).responses), String((op as Operation).operationId)).not.toContain("401");
      }
    }
  });
});
