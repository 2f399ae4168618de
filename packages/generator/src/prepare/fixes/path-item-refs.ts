import type { Change } from "../../types.ts";
import { isObject, refTokens, resolveTokens } from "../walk.ts";
import { type Doc, record } from "./shared.ts";

/** Path items given as `$ref`s are copied in place, so every operation is where the tools look. */
export function inlinePathItemRefs(doc: Doc, changes: Change[]): void {
  for (const [route, item] of Object.entries(doc.paths)) {
    if (isObject(item) && typeof item.$ref === "string") {
      const target = resolveTokens(doc, refTokens(item.$ref) ?? []);
      if (isObject(target)) {
        doc.paths[route] = structuredClone(target);
        record(changes, "path-item-ref", ["paths", route], `path item ${item.$ref} copied in place`);
      }
    }
  }
}
