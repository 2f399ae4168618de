import { describe, expect, it } from "vitest";
import type { Change } from "../../types.ts";
import { fixSchemaNames } from "./schema-names.ts";

describe("fixes/schema-names", () => {
  it("renames schemas named like globals, like types orval derives, or like each other", () => {
    const doc = {
      paths: {
        "/files": {
          get: {
            operationId: "listFiles",
            responses: { 200: { content: { "application/json": { schema: { $ref: "#/components/schemas/Blob" } } } } },
          },
        },
      },
      components: {
        schemas: {
          Blob: { type: "object" },
          ListFilesParams: { type: "object" },
          file_info: { type: "object" },
          FileInfo: { type: "object" },
        },
      },
    };
    const changes: Change[] = [];
    fixSchemaNames(doc, changes);
    expect(Object.keys(doc.components.schemas)).toEqual(["BlobSchema", "ListFilesParamsSchema", "file_info", "FileInfo2"]);
    expect(doc.paths["/files"].get.responses[200].content["application/json"].schema.$ref).toBe("#/components/schemas/BlobSchema");
    expect(changes.map((c) => c.fix)).toEqual(["schema-name", "schema-name", "schema-name"]);
    expect(changes[0]?.message).toBe('"Blob" is a global or generated name: renamed "BlobSchema"');
  });
});
