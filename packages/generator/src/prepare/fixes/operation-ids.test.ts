import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { fixOperationIds } from "./operation-ids.ts";

describe("fixes/operation-ids", () => {
  it("derives missing ids, makes ids function names, and keeps clear of keywords, generated and reserved names", () => {
    const doc = {
      paths: {
        "/pets": { get: {}, post: { operationId: "repos/get-content" } },
        "/search": { get: { operationId: "query" }, put: { operationId: "delete" }, patch: { operationId: "trialRequest" } },
      },
    };
    const changes: Change[] = [];
    fixOperationIds(doc, changes, ["trialRequest"]);
    const ids = (path: "/pets" | "/search") => Object.values(doc.paths[path]).map((op) => (op as { operationId?: string }).operationId);
    expect(ids("/pets")).toEqual(["getPets", "reposGetContent"]);
    expect(ids("/search")).toEqual(["queryOperation", "deleteOperation", "trialRequestOperation"]);
    expect(changes[0]).toEqual({ fix: "operation-id", pointer: "/paths/~1pets/get/operationId", message: 'missing: derived → "getPets"' });
    expect(changes).toHaveLength(5);
  });
});
