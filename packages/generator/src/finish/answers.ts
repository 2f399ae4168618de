// What each operation answers: text (kept as text), JSON (checked to be JSON) or
// anything else. The endpoint rewrite (endpoints.ts) writes it into each request.
/** The schema a `$ref` points to (in the prepared document every reference is local), followed a few levels. */
function resolveSchema(doc, schema) {
  for (let i = 0; i < 20 && typeof schema?.$ref === "string" && schema.$ref.startsWith("#/"); i++) {
    schema = schema.$ref
      .slice(2)
      .split("/")
      .map((t) => decodeURIComponent(t).replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((node, token) => node?.[token], doc);
  }
  return schema;
}

/**
 * Operations whose success response is text rather than JSON or bytes. A text
 * type whose schema is `format: binary` is bytes: orval asks for a Blob itself
 * (`responseType: 'blob'`), so it is no text answer.
 */
export function textResponseOperations(doc) {
  const names = new Set();
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item ?? {})) {
      if (!op?.operationId || !op.responses) continue;
      const success = Object.entries(op.responses).find(([status]) => /^2\d\d$/.test(status))?.[1];
      const content = success?.content ?? {};
      const types = Object.keys(content);
      const isText = (t) => /^text\/|ndjson|tab-separated|csv/.test(t) && resolveSchema(doc, content[t]?.schema)?.format !== "binary";
      if (types.length > 0 && types.every(isText)) names.add(op.operationId);
    }
  }
  return names;
}

/** Operations whose success response declares JSON, and JSON only. */
export function jsonResponseOperations(doc) {
  const names = new Set();
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item ?? {})) {
      if (!op?.operationId || !op.responses) continue;
      const success = Object.entries(op.responses).find(([status]) => /^2\d\d$/.test(status))?.[1];
      const types = Object.keys(success?.content ?? {});
      if (types.length > 0 && types.every((t) => /^application\/(.+\+)?json(;|$)/.test(t))) names.add(op.operationId);
    }
  }
  return names;
}
