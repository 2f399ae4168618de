// responseValidators on OpenAPI 3.0 schemas: nullable, boolean exclusive
// bounds, shared responses, status classes and the default response.
import { responseValidators } from "@sciclients/core/validation";
import { describe, expect, it } from "vitest";

const document = {
  openapi: "3.0.3",
  paths: {
    "/things/{id}": {
      get: {
        operationId: "getThing",
        responses: {
          "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } },
          "2XX": { content: { "application/vnd.thing+json": { schema: { type: "object", required: ["accepted"] } } } },
          "404": { $ref: "#/components/responses/NotFound" },
          default: { content: { "text/plain": { schema: { type: "string" } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Owner: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
      Thing: {
        type: "object",
        required: ["id", "size"],
        properties: {
          id: { type: "string", format: "uuid" },
          size: { type: "number", minimum: 0, exclusiveMinimum: true },
          label: { type: "string", nullable: true },
          state: { type: "string", enum: ["new", "old"], nullable: true },
          owner: { allOf: [{ $ref: "#/components/schemas/Owner" }], nullable: true },
          "odd/key": { type: "integer" },
        },
      },
    },
    responses: {
      NotFound: { content: { "application/json": { schema: { type: "object", required: ["error"] } } } },
    },
  },
};
const ID = "1a1f9fad-8589-413e-9602-5bbd66bfe675";
const { check } = responseValidators(document);

describe("responseValidators", () => {
  it("allows null where the spec says nullable, on types, enums and references", () => {
    expect(check("getThing", 200, { id: ID, size: 1, label: null, state: null, owner: null })).toEqual([]);
    expect(check("getThing", 200, { id: ID, size: 1, label: "a", state: "new", owner: { name: "o" } })).toEqual([]);
  });

  it("names the JSON path, what the spec expects and what came", () => {
    expect(check("getThing", 200, { id: "nope", size: 0, state: "gone", owner: {}, "odd/key": 1.5 })).toEqual([
      { path: "$.id", expected: 'a value that must match format "uuid"', received: 'string "nope"' },
      { path: "$.size", expected: "a value that must be > 0", received: "number 0" },
      { path: "$.state", expected: 'one of ["new","old",null]', received: 'string "gone"' },
      { path: "$.owner", expected: 'required property "name"', received: "nothing" },
      { path: '$["odd/key"]', expected: "type integer", received: "number 1.5" },
    ]);
  });

  it("uses shared responses, the status's class and nothing for non-JSON or unknown operations", () => {
    expect(check("getThing", 404, {})).toEqual([{ path: "$", expected: 'required property "error"', received: "nothing" }]);
    expect(check("getThing", 202, {})).toEqual([{ path: "$", expected: 'required property "accepted"', received: "nothing" }]);
    expect(check("getThing", 500, 42)).toEqual([]);
    expect(check("noSuchOperation", 200, 42)).toEqual([]);
  });
});
