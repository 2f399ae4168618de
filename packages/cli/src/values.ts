// Command-line text to the typed values a spec asks for. A value of the wrong
// type is refused with what the parameter expects (commander names the flag).
import { InvalidArgumentError } from "commander";
import type { ValueShape } from "./catalogue-types.js";

const TRUE = new Set(["true", "1", "yes"]);
const FALSE = new Set(["false", "0", "no"]);

/** `integer`, `string[]`, `a|b|c`: the placeholder shown after a flag. */
export function placeholder(shape: ValueShape): string {
  if (shape.file) return shape.type === "array" ? "paths..." : "path";
  const scalar =
    shape.enum && shape.enum.length <= 6 ? shape.enum.join("|") : shape.type === "array" ? (shape.items ?? "string") : shape.type;
  return shape.type === "array" ? `${scalar}...` : scalar;
}

function expects(shape: ValueShape, type: string): string {
  if (shape.enum) return `expects one of ${shape.enum.join(", ")}`;
  return `expects ${type === "integer" ? "an integer" : type === "object" ? "a JSON object" : `a ${type}`}`;
}

/** One value of a scalar type. */
export function parseScalar(text: string, type: string, shape: ValueShape): unknown {
  let value: unknown = text;
  if (type === "integer") {
    if (!/^-?\d+$/.test(text.trim())) throw new InvalidArgumentError(expects(shape, type));
    value = Number(text);
  } else if (type === "number") {
    value = Number(text);
    if (text.trim() === "" || !Number.isFinite(value)) throw new InvalidArgumentError(expects(shape, type));
  } else if (type === "boolean") {
    const lower = text.toLowerCase();
    if (!TRUE.has(lower) && !FALSE.has(lower)) throw new InvalidArgumentError("expects true or false");
    value = TRUE.has(lower);
  } else if (type === "object") {
    try {
      value = JSON.parse(text);
    } catch {
      throw new InvalidArgumentError(`${expects(shape, type)} (JSON text)`);
    }
  }
  if (shape.enum && !shape.enum.some((allowed) => allowed === value || String(allowed) === text)) {
    throw new InvalidArgumentError(expects(shape, type));
  }
  return value;
}

/** commander's argument parser for a flag of this shape: arrays collect repeated flags. */
export function argumentParser(shape: ValueShape): (text: string, previous: unknown) => unknown {
  if (shape.type === "array") {
    return (text, previous) => [...(Array.isArray(previous) ? previous : []), parseScalar(text, shape.items ?? "string", shape)];
  }
  // Files are read when the request is made; other strings stay as written.
  return (text) => (shape.file ? text : parseScalar(text, shape.type, shape));
}
