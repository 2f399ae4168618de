// IceProd checks some body fields with Python's `isinstance(value, float)`: a
// JSON integer (`"priority": 1`) is refused with 400 while `1.0` is accepted.
// JavaScript has one number type and JSON.stringify writes 1.0 as `1`, so
// before axios serialises such a body, a whole number in one of these fields is
// written with its fractional part.
import type { AxiosInstance, InternalAxiosRequestConfig } from "axios";

/** The fields the server type-checks as floats, by method and path (IceProd d142e63). */
export const FLOAT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "POST /datasets": ["priority"],
  "POST /tasks": ["priority"],
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;

/** A whole number as a JSON float literal (`1` → `1.0`); undefined for anything JSON already writes with a fraction or exponent. */
function floatLiteral(value: unknown): string | undefined {
  if (typeof value !== "number" || !Number.isInteger(value) || Math.abs(value) >= 1e21) return undefined;
  return `${Object.is(value, -0) ? "-0" : String(value)}.0`;
}

/**
 * `body` as JSON text with each whole number in `fields` written as a float
 * (`{"priority":1.0}`), or undefined when nothing needs it (axios then
 * serialises the body as usual).
 */
export function stringifyWithFloats(body: Record<string, unknown>, fields: readonly string[]): string | undefined {
  const literals = new Map<string, string>();
  const copy: Record<string, unknown> = { ...body };
  const nonce = Math.random().toString(36).slice(2);
  for (const field of fields) {
    const literal = floatLiteral(copy[field]);
    if (literal === undefined) continue;
    const mark = `\u0000float-${nonce}-${field}\u0000`;
    copy[field] = mark;
    literals.set(JSON.stringify(mark), literal);
  }
  if (literals.size === 0) return undefined;
  let text = JSON.stringify(copy);
  for (const [mark, literal] of literals) {
    if (text.split(mark).length !== 2) return undefined; // the mark also sits in a value: leave the body to axios
    text = text.replace(mark, literal);
  }
  return text;
}

function routeOf(config: InternalAxiosRequestConfig): string {
  const path = (config.url ?? "").replace(/[?#].*$/, "").replace(/\/+$/, "");
  return `${(config.method ?? "get").toUpperCase()} ${path}`;
}

/** Adds the request step that writes float fields as floats to a client's axios instance. */
export function attachFloatFields(instance: AxiosInstance): void {
  instance.interceptors.request.use((config) => {
    const fields = FLOAT_FIELDS[routeOf(config)];
    if (!fields || !isPlainObject(config.data)) return config;
    const text = stringifyWithFloats(config.data, fields);
    if (text !== undefined) {
      config.data = text;
      config.headers.set("Content-Type", "application/json");
    }
    return config;
  });
}
