// Every operation of a document is listed and exercised, those without a 2xx
// response included: with their `default` response, or else the lowest status they declare.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeEveryOperation, listOperations, loadSpec } from "../src/index.js";
import { createHarnessClient, functions } from "./fixtures/harness-client.js";

const doc = loadSpec(path.join(import.meta.dirname, "fixtures/harness-constructs.yaml"));
const baseURL = "https://harness.test/api";

describe("listOperations", () => {
  const byId = new Map(listOperations(doc).map((op) => [op.operationId, op]));

  it("lists every operation, those without a 2xx response too", () => {
    expect([...byId.keys()].sort()).toEqual(
      ["cancelOperation", "deletePet", "getOperation", "receiveMessage", "sendMessage", "updatePet", "verifyToken"].sort(),
    );
  });

  it("answers an operation with its first 2xx response", () => {
    expect(byId.get("verifyToken")?.success).toEqual({ status: 204, declared: "204" });
    expect(byId.get("cancelOperation")?.success).toMatchObject({ status: 200, declared: "200", mediaType: "application/json" });
  });

  it("answers one declaring only errors with the lowest status it declares", () => {
    expect(byId.get("updatePet")?.success).toEqual({ status: 400, declared: "400" });
  });

  it("answers one declaring only a default response with it, as 200", () => {
    expect(byId.get("deletePet")?.success).toMatchObject({ status: 200, declared: "default", mediaType: "application/json" });
  });

  it("names the operation of a document that declares no response", () => {
    const bare = { paths: { "/ping": { get: { operationId: "ping", responses: {} } } } };
    expect(() => listOperations(bare)).toThrow("GET /ping declares no response");
  });
});

// Each operation called against MSW: the error answer rejects with its status,
// the fragment-only routes are requested as `POST /api/`.
describeEveryOperation({
  service: "Harness constructs",
  doc,
  entries: { "fixture functions": { "harness-client": functions } },
  baseURL,
  requestOptions: { client: createHarnessClient({ baseURL }) },
  operationCount: 7,
});
