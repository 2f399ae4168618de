// The code core loads on first use (the request pipeline, the description of
// failures) comes from chunks an app's host may fail to serve. Such a failure
// is an error that says so, and the next request tries the chunk again.
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.doUnmock("../src/dispatch.js");
  vi.doUnmock("../src/failures.js");
  vi.resetModules();
});

/** A client whose adapter answers at once, from a fresh copy of core's modules. */
async function freshClient() {
  vi.resetModules();
  const core = await import("../src/index.js");
  const sent: string[] = [];
  const client = core.createServiceClient("test", {
    baseURL: "https://api.test",
    axios: {
      adapter: async (config) => {
        sent.push(config.url ?? "");
        return { data: '{"ok":true}', status: 200, statusText: "OK", headers: {}, config };
      },
    },
  });
  return { core, client, sent };
}

describe("chunks that do not load", () => {
  it("the pipeline: the request fails with an error that says so, and is not sent; the next one loads it", async () => {
    let fail = true;
    vi.doMock("../src/dispatch.js", async (importOriginal) => {
      if (fail) throw new Error("Failed to fetch dynamically imported module");
      return importOriginal();
    });
    const { client, sent } = await freshClient();
    const error = await client.send("test", { url: "/x", responseType: "json" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/could not load its request pipeline .*the request was not sent/);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(sent).toEqual([]);
    fail = false;
    vi.resetModules(); // the module registry forgets the failed import, as a browser retries a failed chunk
    await expect(client.send("test", { url: "/x", responseType: "json" })).resolves.toEqual({ ok: true });
    expect(sent).toEqual(["/x"]);
  });

  it("the failures' code: toApiError fails with an error that says so and names the failure", async () => {
    vi.doMock("../src/failures.js", () => {
      throw new Error("Failed to fetch dynamically imported module");
    });
    const { core } = await freshClient();
    const failure = Object.assign(new Error("connect ECONNREFUSED"), { isAxiosError: true, config: {} });
    const error = await core.toApiError("test", failure as never).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/could not load the code that describes a failed request.*connect ECONNREFUSED/);
  });
});
