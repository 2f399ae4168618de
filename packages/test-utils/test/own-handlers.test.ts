// The own-handler smoke test of every scaffolded client, on a fixture with the
// constructs it once failed on: `/v1/{name}:cancel` (the verb was read as a
// parameter), AWS operations told apart only by a fragment (every one is sent
// as `POST /`), and `PUT /pet` declaring no 2xx response (the suite stopped).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeOwnMockHandlers, handlerRouteShape, listOperations, loadSpec, sharedRoutes, specRouteShape } from "../src/index.js";
import { createHarnessClient, functions, getAllMockHandlers } from "./fixtures/harness-client.js";

const doc = loadSpec(path.join(import.meta.dirname, "fixtures/harness-constructs.yaml"));
const baseURL = "https://harness.test/api";

describe("route shapes", () => {
  it("a verb after a path parameter is text in the spec path and in the handler route", () => {
    expect(specRouteShape("/v1/{name}:cancel")).toBe("/v1/{}:cancel");
    expect(handlerRouteShape("/v1/:name\\:cancel")).toBe("/v1/{}:cancel");
    expect(specRouteShape("/{token}:verify")).toBe("/{}:verify");
    expect(handlerRouteShape("/:token\\:verify")).toBe("/{}:verify");
  });

  it("an unescaped colon in a handler route is a parameter", () => {
    expect(handlerRouteShape("/project/:projectId/files/:fileId")).toBe("/project/{}/files/{}");
  });

  it("a fragment is not part of the route unless asked for", () => {
    expect(specRouteShape("/#X-Amz-Target=Queue.Send")).toBe("/");
    expect(handlerRouteShape("/#X-Amz-Target=Queue.Send")).toBe("/");
    expect(specRouteShape("/meetings/{id}/attendees#operation=batch", { fragment: true })).toBe("/meetings/{}/attendees#operation=batch");
    expect(handlerRouteShape("/meetings/:id/attendees#operation=batch", { fragment: true })).toBe("/meetings/{}/attendees#operation=batch");
  });
});

describe("shared routes", () => {
  it("groups the operations one request cannot tell apart, and only those", () => {
    const shared = sharedRoutes(listOperations(doc));
    const groups = new Set([...shared.values()].map((group) => group.map((op) => op.operationId).join(",")));
    expect([...groups]).toEqual(["sendMessage,receiveMessage"]);
  });
});

describeOwnMockHandlers({
  service: "Harness constructs",
  doc,
  functions: { "harness-client": functions },
  baseURL,
  requestOptions: { client: createHarnessClient({ baseURL }) },
  handlers: getAllMockHandlers,
});
