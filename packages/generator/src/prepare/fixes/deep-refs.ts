import { forEachRef, isObject, refOf, refTokens, resolveTokens } from "../walk.ts";
import { pascal, record, uniqueName } from "./shared.ts";

/** The component section a `$ref` written at `tokens` must point into. */
function refKind(tokens) {
  const last = tokens.at(-1);
  const parent = tokens.at(-2);
  const grand = tokens.at(-3);
  if (parent === "parameters" && typeof last === "number") return "parameters";
  if (last === "requestBody") return "requestBodies";
  if (grand === "properties") return "schemas";
  if (parent === "responses") return "responses";
  if (parent === "headers") return "headers";
  if (parent === "examples") return "examples";
  if (parent === "links") return "links";
  if (parent === "callbacks") return "callbacks";
  if (tokens[0] === "paths" && tokens.length === 2) return "pathItems";
  return "schemas";
}

const STRUCTURAL = new Set(["content", "schema", "properties", "items", "responses", "parameters", "paths", "components", "schemas"]);

function hoistedName(doc, target) {
  let words = target;
  if (target[0] === "paths" && target.length >= 3) {
    const op = resolveTokens(doc, target.slice(0, 3));
    words = [isObject(op) && typeof op.operationId === "string" ? op.operationId : `${target[2]} ${target[1]}`, ...target.slice(3)];
  } else if (target[0] === "components") words = target.slice(2);
  const kept = words.filter((w) => !STRUCTURAL.has(w) && !String(w).includes("/")).map((w) => (w === "requestBody" ? "body" : String(w)));
  return pascal(kept.join(" ")) || "Schema";
}

/**
 * `$ref`s that point inside a schema, a path or a response (anything but a whole
 * component) become references to a new named component holding that object.
 */
export function hoistDeepRefs(doc, changes) {
  const deep = new Map();
  forEachRef(doc, (node, tokens) => {
    const target = refTokens(node.$ref);
    if (!target || (target.length === 3 && target[0] === "components")) return;
    const kind = refKind(tokens);
    if (kind === "pathItems") return;
    const key = refOf(target);
    if (!deep.has(key)) deep.set(key, { target, kind, at: tokens });
  });
  if (deep.size === 0) return;
  doc.components ??= {};
  const moved = new Map();
  // Deepest first: a target inside another target moves before its container does.
  const ordered = [...deep.entries()].sort(([a, x], [b, y]) => y.target.length - x.target.length || a.localeCompare(b));
  for (const [key, { target, kind, at }] of ordered) {
    const parent = resolveTokens(doc, target.slice(0, -1));
    const value = parent?.[target.at(-1)];
    if (!isObject(value)) continue;
    doc.components[kind] ??= {};
    const taken = new Set(Object.keys(doc.components[kind]).map((k) => k.toLowerCase()));
    const name = uniqueName(hoistedName(doc, target), taken);
    doc.components[kind][name] = value;
    const ref = refOf(["components", kind, name]);
    parent[target.at(-1)] = { $ref: ref };
    moved.set(key, ref);
    record(changes, "deep-ref", at, `${key} moved to ${ref}`);
  }
  forEachRef(doc, (node) => {
    const target = refTokens(node.$ref);
    const next = target && moved.get(refOf(target));
    if (next) node.$ref = next;
  });
}
