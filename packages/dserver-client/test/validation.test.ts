// Opt-in response validation against MSW answers that differ from the spec:
// "warn" returns the data and reports each operation and JSON path once,
// "error" rejects with an ApiError listing the issues, and without the option
// nothing is checked.
import { createDserverClient, isApiError } from "@sciclients/dserver-client";
import { getDependencyGraph } from "@sciclients/dserver-client/functions";
import { type ResponseShapeWarning, validators } from "@sciclients/dserver-client/validation";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, dataset, UUID } from "./fixtures.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Two entries whose uuid is a number, and one without its required name. */
const drifted = () => {
  const { name: _name, ...nameless } = dataset();
  return [{ ...dataset(), uuid: 42 }, { ...dataset(), uuid: 43 }, nameless];
};
const answer = (body: object) => server.use(http.get(`${BASE_URL}/graph/uuids/:uuid`, () => HttpResponse.json(body)));

describe("validateResponses", () => {
  it('"warn" returns the data and reports each operation and JSON path once, through the given printer', async () => {
    const warnings: ResponseShapeWarning[] = [];
    const client = createDserverClient({
      baseURL: BASE_URL,
      validateResponses: "warn",
      validators,
      onResponseWarning: (w) => warnings.push(w),
    });
    answer(drifted());
    const first = await getDependencyGraph(UUID, undefined, { client });
    expect(first).toEqual(drifted());
    expect(warnings.map((w) => [w.operation, w.status, w.issue.path, w.issue.expected, w.issue.received])).toEqual([
      ["getDependencyGraph", 200, "$[0].uuid", "type string", "number 42"],
      ["getDependencyGraph", 200, "$[2]", 'required property "name"', "nothing"],
    ]);
    expect(warnings[0]?.message).toBe(
      "dserver: getDependencyGraph answered 200 with a body that differs from the spec: at $[0].uuid expected type string, received number 42",
    );
    // The same drift again: already reported.
    await getDependencyGraph(UUID, undefined, { client });
    expect(warnings).toHaveLength(2);
  });

  it('"warn" prints through console.warn by default, and a body that matches the spec reports nothing', async () => {
    const printed: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => printed.push(args.join(" "));
    try {
      const client = createDserverClient({ baseURL: BASE_URL, validateResponses: "warn", validators });
      answer([dataset(), { ...dataset(), number_of_items: null, size_in_bytes: 3, uploaded_by: null }]);
      await getDependencyGraph(UUID, undefined, { client });
      expect(printed).toEqual([]);
      answer([{ ...dataset(), uuid: 42 }]);
      await getDependencyGraph(UUID, undefined, { client });
      expect(printed).toEqual([
        "dserver: getDependencyGraph answered 200 with a body that differs from the spec: at $[0].uuid expected type string, received number 42",
      ]);
    } finally {
      console.warn = original;
    }
  });

  it('"error" rejects with an ApiError of code invalid_response_shape carrying every issue', async () => {
    const client = createDserverClient({ baseURL: BASE_URL, validateResponses: "error", validators });
    answer(drifted());
    const error = await getDependencyGraph(UUID, undefined, { client }).catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    if (!isApiError(error)) return;
    expect(error.code).toBe("invalid_response_shape");
    expect(error.status).toBe(200);
    expect(error.url).toBe(`${BASE_URL}/graph/uuids/${UUID}`);
    expect(error.body).toEqual({
      issues: [
        { path: "$[0].uuid", expected: "type string", received: "number 42" },
        { path: "$[1].uuid", expected: "type string", received: "number 43" },
        { path: "$[2]", expected: 'required property "name"', received: "nothing" },
      ],
    });
    expect(error.message).toContain(
      "getDependencyGraph answered 200 with a body that differs from the spec: at $[0].uuid expected type string",
    );
  });

  it("is off by default: the drifted body comes back unchecked", async () => {
    const client = createDserverClient({ baseURL: BASE_URL });
    answer(drifted());
    expect(await getDependencyGraph(UUID, undefined, { client })).toEqual(drifted());
  });

  it("refuses a mode it does not know, and a mode without validators, naming the setting", () => {
    expect(() => createDserverClient({ baseURL: BASE_URL, validateResponses: "strict" as never, validators })).toThrow(
      'dserver: validateResponses must be "warn" or "error", with `validators` from "@sciclients/dserver-client/validation" (got "strict", with validators)',
    );
    expect(() => createDserverClient({ baseURL: BASE_URL, validateResponses: "error" })).toThrow(
      'dserver: validateResponses must be "warn" or "error", with `validators` from "@sciclients/dserver-client/validation" (got "error", without validators)',
    );
  });
});
