// The fix actions specs:fetch adds to the OpenAPI Overlay ones (rename, extract),
// on their own and inside the whole pipeline, and fixes read from a file.
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { extractComponent, parseNormalizedPath, renameComponent } from "../../generator/src/specs/component-actions.ts";
import { liveSettings } from "../../generator/src/specs/live.ts";
import { DocumentError, normaliseLiveDocument } from "../../generator/src/specs/normalise-doc.ts";
import { cleanTemps, type Json, tempDir, writeFiles } from "./helpers.ts";

afterAll(cleanTemps);

/** A small document in the style flask-smorest generates: inline parameters, its own model names. */
function serverDoc(): Json {
  const page = () => ({ in: "query", name: "page", required: false, schema: { type: "integer", minimum: 1 } });
  const list = (ref: string) => ({
    description: "OK",
    content: { "application/json": { schema: { type: "array", items: { $ref: ref } } } },
  });
  return {
    openapi: "3.0.2",
    info: { title: "server", version: "v1" },
    paths: {
      "/datasets": { get: { parameters: [page()], responses: { 200: list("#/components/schemas/Dataset") } } },
      "/graph/{uuid}": {
        parameters: [{ in: "path", name: "uuid", required: true, schema: { type: "string" } }],
        get: {
          parameters: [{ schema: { minimum: 1, type: "integer" }, required: false, name: "page", in: "query" }],
          responses: { 200: list("#/components/schemas/Dataset") },
        },
      },
    },
    components: {
      schemas: {
        Dataset: {
          type: "object",
          properties: {
            uuid: { type: "string" },
            items: { type: "array", items: { $ref: "#/components/schemas/Dataset/properties/uuid" } },
          },
        },
        Pet: {
          oneOf: [{ $ref: "#/components/schemas/Dataset" }],
          discriminator: { propertyName: "kind", mapping: { d: "#/components/schemas/Dataset" } },
        },
      },
    },
  };
}

const at = (doc: Json, ...keys: (string | number)[]) => keys.reduce<unknown>((node, key) => (node as Json)[key as string], doc) as Json;

describe("parseNormalizedPath", () => {
  it("reads names, indexes and escapes of RFC 9535 normalized paths", () => {
    expect(parseNormalizedPath("$")).toEqual([]);
    expect(parseNormalizedPath("$['paths']['/a/{b}'][0]['it\\'s']")).toEqual(["paths", "/a/{b}", 0, "it's"]);
    expect(parseNormalizedPath("$['a\\\\b']['\\u00e9']")).toEqual(["a\\b", "é"]);
  });
});

describe("rename", () => {
  it("renames the component and every $ref to it or into it, discriminator mappings included", () => {
    const { doc, used, errors } = renameComponent(serverDoc(), { target: "$.components.schemas.Dataset", rename: "DatasetEntry" });
    expect(errors).toEqual([]);
    expect(used).toBe(true);
    expect(Object.keys(at(doc, "components", "schemas"))).toEqual(["DatasetEntry", "Pet"]);
    const text = JSON.stringify(doc);
    expect(text).not.toContain('schemas/Dataset"');
    expect(at(doc, "paths", "/datasets", "get", "responses", 200, "content", "application/json", "schema", "items").$ref).toBe(
      "#/components/schemas/DatasetEntry",
    );
    expect(at(doc, "components", "schemas", "DatasetEntry", "properties", "items", "items").$ref).toBe(
      "#/components/schemas/DatasetEntry/properties/uuid",
    );
    expect(at(doc, "components", "schemas", "Pet", "discriminator", "mapping").d).toBe("#/components/schemas/DatasetEntry");
  });

  it("leaves the input alone and reports a target that matches nothing as unused", () => {
    const input = serverDoc();
    const before = JSON.stringify(input);
    const result = renameComponent(input, { target: "$.components.schemas.Gone", rename: "Other" });
    expect(result).toMatchObject({ used: false, errors: [] });
    renameComponent(input, { target: "$.components.schemas.Dataset", rename: "DatasetEntry" });
    expect(JSON.stringify(input)).toBe(before);
  });

  it.each([
    [{ target: "$.components.schemas.Dataset", rename: "Pet" }, "#/components/schemas/Pet exists already"],
    [
      { target: "$.components.schemas.*", rename: "X" },
      "rename needs a target that is one component; $.components.schemas.* matched 2 nodes",
    ],
    [
      { target: "$.paths['/datasets'].get", rename: "X" },
      "rename needs a target such as $.components.schemas.Name; $.paths['/datasets'].get is #/paths/~1datasets/get",
    ],
    [
      { target: "$.components.schemas.Dataset", rename: "Data set" },
      'rename must be a component name (letters, digits, ".", "-", "_"), got "Data set"',
    ],
  ])("refuses %j", (action, reason) => {
    expect(renameComponent(serverDoc(), action)).toMatchObject({ used: true, errors: [reason] });
  });
});

describe("extract", () => {
  it("turns alike inline objects (key order aside) into one component and refers to it from each place", () => {
    const { doc, errors } = extractComponent(serverDoc(), {
      target: "$.paths.*.*.parameters[?(@.name == 'page')]",
      extract: "#/components/parameters/Page",
    });
    expect(errors).toEqual([]);
    expect(at(doc, "components", "parameters").Page).toEqual({
      in: "query",
      name: "page",
      required: false,
      schema: { type: "integer", minimum: 1 },
    });
    expect(at(doc, "paths", "/datasets", "get", "parameters")).toEqual([{ $ref: "#/components/parameters/Page" }]);
    expect(at(doc, "paths", "/graph/{uuid}", "get", "parameters")).toEqual([{ $ref: "#/components/parameters/Page" }]);
    // Path-level parameters are not matched by an operation-level target.
    expect(at(doc, "paths", "/graph/{uuid}", "parameters", 0, "name")).toBe("uuid");
  });

  it("refuses objects that differ, naming both places, so a server change is not hidden", () => {
    const input = serverDoc();
    (at(input, "paths", "/graph/{uuid}", "get", "parameters", 0, "schema") as Json).maximum = 50;
    const result = extractComponent(input, {
      target: "$.paths.*.*.parameters[?(@.name == 'page')]",
      extract: "#/components/parameters/Page",
    });
    expect(result.errors).toEqual([
      "#/paths/~1graph~1{uuid}/get/parameters/0 differs from #/paths/~1datasets/get/parameters/0, so they cannot be one component #/components/parameters/Page",
    ]);
    expect(result.doc).toBe(input);
  });

  it("refuses an existing component, a $ref and a bad reference", () => {
    expect(extractComponent(serverDoc(), { target: "$.components.schemas.Pet", extract: "#/components/schemas/Dataset" }).errors).toEqual([
      "#/components/schemas/Dataset exists already",
    ]);
    const ref = "$.paths['/datasets'].get.responses['200'].content['application/json'].schema.items";
    expect(extractComponent(serverDoc(), { target: ref, extract: "#/components/schemas/Item" }).errors).toEqual([
      "#/paths/~1datasets/get/responses/200/content/application~1json/schema/items is a $ref already (#/components/schemas/Dataset)",
    ]);
    expect(extractComponent(serverDoc(), { target: "$.paths.*", extract: "#/definitions/X" }).errors[0]).toMatch(
      /^extract must be a local component reference/,
    );
  });
});

describe("the fetch pipeline with rename and extract", () => {
  const fixes = [
    { description: "our model name", target: "$.components.schemas.Dataset", rename: "DatasetEntry" },
    { description: "our shared parameter", target: "$.paths.*.*.parameters[?(@.name == 'page')]", extract: "#/components/parameters/Page" },
    { description: "our documentation", target: "$.components.parameters.Page", update: { description: "Page number, from 1." } },
  ];

  it("applies them in order with the Overlay actions and validates the result", async () => {
    const doc = (await normaliseLiveDocument(JSON.stringify(serverDoc()), { fixes })) as Json;
    expect(Object.keys(at(doc, "components", "schemas"))).toEqual(["DatasetEntry", "Pet"]);
    expect(at(doc, "components", "parameters", "Page").description).toBe("Page number, from 1.");
  });

  it("names the fix, its file and the reason when one cannot be applied", async () => {
    const clash = [{ description: "our model name", target: "$.components.schemas.Dataset", rename: "Pet" }];
    const error = await normaliseLiveDocument(JSON.stringify(serverDoc()), { fixes: clash, fixesFile: "specs/fixes/x.yaml" }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(DocumentError);
    expect(error.message).toBe(
      "fix 1 of specs/fixes/x.yaml (our model name) cannot be applied:\n  - #/components/schemas/Pet exists already",
    );
  });

  it("reports a rename whose component is gone as a fix that matched nothing", async () => {
    const gone = [{ description: "our name for Old", target: "$.components.schemas.Old", rename: "New" }];
    await expect(normaliseLiveDocument(JSON.stringify(serverDoc()), { fixes: gone })).rejects.toThrow(
      "fix 1 (our name for Old) matched nothing at $.components.schemas.Old; if the service fixed this itself, remove the fix",
    );
  });
});

describe("fixes kept in their own file", () => {
  const service = (fixes: unknown) => ({ name: "pets", live: { url: "{PETS_URL}/openapi.json", fixes } });

  it("reads the actions of the file the manifest names, from the repository root", () => {
    const root = tempDir("fixes");
    writeFiles(root, {
      "specs/fixes/pets.yaml": stringify({ overlay: "1.1.0", actions: [{ description: "why", target: "$", remove: true }] }),
    });
    const live = liveSettings(service("specs/fixes/pets.yaml"), "specs/services.yaml", { root });
    expect(live).toMatchObject({
      published: true,
      fixes: [{ description: "why", target: "$", remove: true }],
      fixesFile: "specs/fixes/pets.yaml",
    });
  });

  it("names the file and the action when an action is not valid", () => {
    const root = tempDir("fixes");
    writeFiles(root, {
      "specs/fixes/pets.yaml": stringify({
        actions: [{ description: "why", target: "$.components.schemas.A", rename: "B", remove: true }],
      }),
      "specs/fixes/empty.yaml": "overlay: 1.1.0\n",
    });
    expect(() => liveSettings(service("specs/fixes/pets.yaml"), "specs/services.yaml", { root })).toThrow(
      "specs/fixes/pets.yaml: actions[0] must have exactly one of update, remove (true), copy (a JSONPath), rename (a name) or extract (a component $ref)",
    );
    expect(() => liveSettings(service("specs/fixes/empty.yaml"), "specs/services.yaml", { root })).toThrow(
      'specs/fixes/empty.yaml (named by specs/services.yaml: services.pets.live.fixes) must have an "actions" list',
    );
    expect(() => liveSettings(service("specs/fixes/none.yaml"), "specs/services.yaml", { root })).toThrow(
      "specs/services.yaml: services.pets.live.fixes: cannot read specs/fixes/none.yaml (ENOENT)",
    );
  });
});
