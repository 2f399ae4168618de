// What the client needs to know of response validation, without its code:
// the validators themselves live in "@sciclients/core/validation" (and each
// client's "./validation" entry), so that apps that do not validate never
// bundle them.

/** One place where a response body differs from the schema the spec declares. */
export interface ResponseIssue {
  /** The JSON path in the body, e.g. `$.items[2].uuid` (`$`: the body itself). */
  path: string;
  /** What the spec declares there, e.g. `type string`, `required property "name"`. */
  expected: string;
  /** What the body has there, e.g. `number 42`, `nothing`. */
  received: string;
}

/** Checks response bodies against the schemas of one spec (see `responseValidators` in "@sciclients/core/validation"). */
export interface ResponseValidators {
  /** The issues of `body`, the answer of `operation` with `status`; empty when it matches or the spec declares no JSON schema for it. */
  check(operation: string, status: number, body: unknown): ResponseIssue[];
}

/** What the "warn" mode reports, once per operation and JSON path. */
export interface ResponseShapeWarning {
  service: string;
  operation: string;
  status: number;
  issue: ResponseIssue;
  /** One line saying all of the above. */
  message: string;
}

/** Client options of response validation. */
export interface ResponseValidationOptions {
  /**
   * Check each JSON response body against the spec (default: off). "warn":
   * report each differing operation and JSON path once through `onResponseWarning`
   * and return the data; "error": reject with an ApiError of code
   * `invalid_response_shape` whose `body.issues` lists what differs.
   * Needs `validators`.
   */
  validateResponses?: "warn" | "error";
  /** The validators of the client's spec: `import { validators } from "@sciclients/<service>-client/validation"`. */
  validators?: ResponseValidators;
  /** Where "warn" reports go (default: `console.warn` of the message). */
  onResponseWarning?: (warning: ResponseShapeWarning) => void;
}

/** The validation settings a client keeps, checked. */
export interface ResponseValidation {
  mode: "warn" | "error";
  validators: ResponseValidators;
  /** The app's `onResponseWarning` (undefined: `console.warn` of the message). */
  warn: ((warning: ResponseShapeWarning) => void) | undefined;
  /** operation + status + path already reported in "warn" mode. */
  reported: Set<string>;
}

/** Checks the options at client creation; undefined when validation is off. */
export function responseValidationOf(
  service: string,
  { validateResponses: mode, validators, onResponseWarning }: ResponseValidationOptions,
): ResponseValidation | undefined {
  if (mode === undefined) return undefined;
  if ((mode !== "warn" && mode !== "error") || typeof validators?.check !== "function") {
    throw new TypeError(
      `${service}: validateResponses must be "warn" or "error", with \`validators\` from "@sciclients/${service}-client/validation" (got ${JSON.stringify(mode)}, ${validators ? "with" : "without"} validators)`,
    );
  }
  return { mode, validators, warn: onResponseWarning, reported: new Set() };
}
