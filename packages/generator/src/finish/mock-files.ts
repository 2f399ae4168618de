// Finishing steps on each tag's MSW file: minimal typed mocks where faker's do
// not type-check, the response types orval forgot to import, text bodies, and
// handlers bound to the client under test (mocks.ts).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { typeMinimalMocks } from "../prepare/mocks.ts";
import type { Service } from "../types.ts";
import { importResponseTypes } from "./endpoints.ts";
import { bindMockHandlers, type MockHandler, textMockBodies } from "./mocks.ts";

/** A handler of the mocks index, with the tag whose file exports it. */
export type TaggedHandler = MockHandler & { tag: string };

export async function finishMockFiles(service: Service, pkgDir: string, tags: string[]): Promise<TaggedHandler[]> {
  const endpoints = path.join(pkgDir, "src/generated/endpoints");
  const handlers: TaggedHandler[] = [];
  for (const tag of tags) {
    const file = path.join(endpoints, tag, `${tag}.msw.ts`);
    if (!existsSync(file)) continue;
    // Synchronous, like finish/endpoints.ts: small files, nothing to wait for meanwhile.
    const text = readFileSync(file, "utf8");
    const typed = typeMinimalMocks(text, service.minimalMocks);
    const bound = bindMockHandlers(textMockBodies(importResponseTypes(typed, path.join(pkgDir, "src/generated/model"))));
    handlers.push(...bound.handlers.map((h) => ({ ...h, tag })));
    if (bound.text !== text) writeFileSync(file, bound.text);
  }
  return handlers;
}
