// The fixes the preparation step applies to an OpenAPI 3 document, each one
// deterministic and recorded as `{ fix, pointer, message }`. A clean document
// comes out unchanged, so its generated code is the same as without them.
// Each fix is a module of fixes/ with its unit test beside it (fixes/*.test.ts);
// packages/generator-tests runs them together on messy documents. The order
// below matters: names are fixed before the schemas that use them, cycles
// before mocks are shaped, and so on.
import type { Change, JsonObject } from "../types.ts";
import { fixAliasCycles } from "./fixes/alias-cycles.ts";
import { fixAllOfRequired } from "./fixes/allof-required.ts";
import { nameAnonymousSchemas } from "./fixes/anonymous-schemas.ts";
import { fixBodyParameterNames } from "./fixes/body-parameter-names.ts";
import { fixBodySchemas } from "./fixes/body-schemas.ts";
import { fixComponentKeys } from "./fixes/component-keys.ts";
import { fixCyclicSchemaKeys } from "./fixes/cyclic-schema-keys.ts";
import { hoistDeepRefs } from "./fixes/deep-refs.ts";
import { fixDefaults } from "./fixes/defaults.ts";
import { fixEnums } from "./fixes/enums.ts";
import { fixFormBodies } from "./fixes/form-bodies.ts";
import { fixIndexSignatures } from "./fixes/index-signatures.ts";
import { fixInfo } from "./fixes/info.ts";
import { fixOperationIds } from "./fixes/operation-ids.ts";
import { fixParameterNames } from "./fixes/parameter-names.ts";
import { inlinePathItemRefs } from "./fixes/path-item-refs.ts";
import { fixPathParameters } from "./fixes/path-parameters.ts";
import { fixSchemaNames } from "./fixes/schema-names.ts";
import type { Doc } from "./fixes/shared.ts";
import { fixTags } from "./fixes/tags.ts";
import { fixTextResponses } from "./fixes/text-responses.ts";
import { isObject } from "./walk.ts";

/** Applies every fix in order; `changes` receives a record of each. */
export function applyFixes(document: JsonObject, changes: Change[], { reserved = [] }: { reserved?: readonly string[] } = {}): void {
  // read/document.ts refused documents without a paths object.
  if (!isObject(document.paths)) throw new Error("the document has no paths object");
  const doc = document as Doc;
  fixInfo(doc, changes);
  inlinePathItemRefs(doc, changes);
  hoistDeepRefs(doc, changes);
  fixPathParameters(doc, changes);
  fixParameterNames(doc, changes);
  fixTags(doc, changes);
  fixOperationIds(doc, changes, reserved);
  fixComponentKeys(doc, changes);
  fixSchemaNames(doc, changes);
  nameAnonymousSchemas(doc, changes);
  fixCyclicSchemaKeys(doc, changes);
  fixAliasCycles(doc, changes);
  // Once every schema has its final name: the body arguments are named after them.
  fixBodyParameterNames(doc, changes);
  fixAllOfRequired(doc, changes);
  fixBodySchemas(doc, changes);
  fixFormBodies(doc, changes);
  fixTextResponses(doc, changes);
  fixEnums(doc, changes);
  fixDefaults(doc, changes);
  fixIndexSignatures(doc, changes);
}
