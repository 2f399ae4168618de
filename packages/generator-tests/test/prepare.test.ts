// The preparation step on its own (no orval): each messy fixture gets the
// changes it needs, each recorded with its pointer; clean specs come out
// unchanged; invalid documents fail with the file, the JSON pointer and the reason.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PrepareError, prepareDocument } from "../../generator/src/prepare/document.ts";

const fixtures = path.join(import.meta.dirname, "../fixtures");
const repo = path.join(import.meta.dirname, "../../..");

type Change = { fix: string; pointer: string; message: string };
// biome-ignore lint/suspicious/noExplicitAny: the tests walk arbitrary OpenAPI documents.
type Doc = Record<string, any>;

async function prepare(name: string) {
  const { document, report } = (await prepareDocument(path.join(fixtures, name), { label: name, reserved: ["trialRequest"] })) as {
    document: Doc;
    report: { format: string; changes: Change[] };
  };
  const at = (pointer: string) => report.changes.filter((c) => c.pointer === pointer);
  return { document, report, at };
}

describe("preparing messy documents", () => {
  it("converts Swagger 2.0, derives and splits operationIds, fixes defaults", async () => {
    const { document, report, at } = await prepare("swagger2-forms.yaml");
    expect(report.format).toBe("Swagger 2.0");
    expect(document.openapi).toMatch(/^3\.0/);
    expect(document.paths["/pets"].get.operationId).toBe("petsList");
    expect(document.paths["/pets"].post.operationId).toBe("createPet");
    expect(at("/paths/~1pets/post/operationId")[0]?.message).toBe('missing: derived → "createPet"');
    // formData parameters became an object body.
    const form = document.paths["/pets"].post.requestBody.content["application/x-www-form-urlencoded"].schema;
    expect(form.type).toBe("object");
    expect(document.paths["/pets"].get.parameters[0].schema.default).toBe(20);
  });

  it("renames colliding operations and schemas, hoists deep refs, trims the description", async () => {
    const { document, at } = await prepare("messy-names.yaml");
    const search = document.paths["/search"];
    expect(search.get.operationId).toBe("queryOperation");
    expect(search.delete.operationId).toBe("deleteOperation");
    expect(document.paths["/search/saved"].post.operationId).toBe("mutationOperation");
    expect(document.paths["/files/{id}"].get.operationId).toBe("listFiles2");
    expect(document.paths["/files/{id}"].put.operationId).toBe("updateFile");
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        "ModelSchema",
        "BlobSchema",
        "ErrorSchema",
        "QueryKeySchema",
        "ListFilesParamsSchema",
        "file_info",
        "FileInfo2",
      ]),
    );
    // Every reference follows the renames, including one under a response named "default".
    expect(document.paths["/files"].get.responses.default.content["application/json"].schema.$ref).toBe("#/components/schemas/ErrorSchema");
    // A reference into a path's response and one into a schema's property now name components.
    const saved = document.paths["/search/saved"].post.responses["200"].content["application/json"].schema.$ref;
    expect(saved).toMatch(/^#\/components\/schemas\/\w+$/);
    expect(document.paths["/files"].get.parameters[0].schema.$ref).toMatch(/^#\/components\/schemas\/\w+$/);
    expect(at("/components/schemas/Blob")[0]?.message).toContain("global or generated name");
    expect(document.info.title).toBe("Messy names API");
    expect(document.info.version).toBe("2");
    expect(document.info.description.length).toBeLessThanOrEqual(4001);
    // An inline enum orval would name like an existing schema gets a name of its own.
    expect(document.components.schemas.Item.properties.state).toEqual({ $ref: "#/components/schemas/ItemState2" });
    expect(document.components.schemas.ItemState2).toEqual({ type: "string", enum: ["open", "closed"] });
    // The undeclared path parameter of GET /files/{id} is declared.
    expect(document.paths["/files/{id}"].get.parameters).toContainEqual({
      name: "id",
      in: "path",
      required: true,
      schema: { type: "string" },
    });
  });

  it("fixes enums, defaults and form bodies", async () => {
    const { document, at } = await prepare("values.yaml");
    const item = document.components.schemas.Item.properties;
    expect(item.quote.enum).toBeUndefined();
    expect(item.quote.type).toBe("string");
    expect(item.level.enum).toEqual([1, 2, 3]);
    expect(item.colour).toMatchObject({ type: "string", enum: ["red", "green"], nullable: true });
    expect(item.kind.default).toBeUndefined();
    expect(item.count.default).toBeUndefined();
    expect(item.tags.default).toBeUndefined();
    const params = document.paths["/items"].get.parameters;
    expect(params.map((p: Doc) => p.schema.default)).toEqual([25, false, undefined]);
    expect(document.paths["/items"].post.requestBody.content["multipart/form-data"].schema.type).toBe("object");
    const raw = document.paths["/items/{itemId}/raw"].put.requestBody.content["multipart/form-data"].schema;
    expect(raw).toMatchObject({ type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" } } });
    expect(at("/components/schemas/Item/properties/quote/enum")[0]?.fix).toBe("enum");
  });

  it("renames a recursive schema whose key is not its type name (orval's mock recursion guard compares type names)", async () => {
    const { document, at } = await prepare("broken-mock.yaml");
    expect(Object.keys(document.components.schemas)).toEqual(["IoExampleV1Labels", "Code"]);
    expect(document.components.schemas.IoExampleV1Labels.additionalProperties).toEqual({ $ref: "#/components/schemas/IoExampleV1Labels" });
    expect(document.paths["/labels"].get.responses["200"].content["application/json"].schema.$ref).toBe(
      "#/components/schemas/IoExampleV1Labels",
    );
    expect(at("/components/schemas/io.example.v1.Labels")[0]?.message).toContain("recursive");
  });

  it.each(["account-server", "data-manager", "dserver", "iceprod", "dss"])("leaves the clean spec of %s as it is", async (name) => {
    const file = path.join(repo, `specs/${name}.yaml`);
    const { document, report } = (await prepareDocument(file, { label: `specs/${name}.yaml` })) as {
      document: Doc;
      report: { changes: Change[] };
    };
    expect(report.changes).toEqual([]);
    expect(document).toEqual(parse(readFileSync(file, "utf8")));
  });

  it("reads YAML by the 1.2 core schema: dates, yes/no and octal-looking values stay strings, aliases resolve, a repeated key keeps its last value", async () => {
    const { document } = await prepare("yaml-quirks.yaml");
    expect(document).toEqual(parse(readFileSync(path.join(fixtures, "yaml-quirks.yaml"), "utf8"), { uniqueKeys: false }));
    expect(document.info.version).toBe("2024-05-01");
    const state = document.paths["/switches"].get.parameters[0];
    expect(state.schema.enum).toEqual(["yes", "no", "on", "off", "null"]);
    expect(state.schema.default).toBe("no");
    expect(document.paths["/switches/{id}"].get.parameters[1]).toEqual(state);
    expect(document.paths["/switches/{id}"].get.parameters[0].schema.example).toBe(755);
    expect(document.paths["/switches/{id}"].get.responses["200"].description).toBe("The switch");
    const props = document.components.schemas.Switch.properties;
    expect(props.since.example).toBe("2024-05-01T10:00:00Z");
    expect(props.ratio.example).toBe(1000);
    expect(props.label.example).toBeNull();
  });
});

describe("invalid documents fail fast with the file, the JSON pointer and the reason", () => {
  const cases: [string, string, RegExp][] = [
    [
      "invalid/unresolved-ref.yaml",
      "/paths/~1things/get/responses/200/content/application~1json/schema/$ref",
      /unresolved reference #\/components\/schemas\/Thing/,
    ],
    ["invalid/bad-version.yaml", "/openapi", /unsupported OpenAPI version "4.0.0"/],
    ["invalid/parameter-without-in.yaml", "/paths/~1things~1{id}/get/parameters/0", /needs a string "name" and "in"/],
    ["invalid/no-paths.yaml", "/paths", /paths object is missing/],
    ["invalid/not-yaml.txt", "", /not valid YAML or JSON \(line \d+, column \d+\)/],
  ];
  for (const [file, pointer, reason] of cases) {
    it(file, async () => {
      const error = await prepareDocument(path.join(fixtures, file), { label: file }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PrepareError);
      const e = error as PrepareError & { file: string; pointer: string; reason: string };
      expect(e.file).toBe(file);
      expect(e.pointer).toBe(pointer);
      expect(e.reason).toMatch(reason);
      expect(e.message).toBe(`${file}#${pointer}: ${e.reason}`);
    });
  }
});
