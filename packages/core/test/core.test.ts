import { Readable } from "node:stream";
import { inspect } from "node:util";
import {
  ApiError,
  type CredentialsProvider,
  createRequester,
  createServiceClient,
  fileFrom,
  MissingClientError,
  toFormUrlEncoded,
  toMultipart,
} from "@sciclients/core";
import { staleKeyFor } from "@sciclients/core/react";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
// Internal: the failure code applies it to every request URL an ApiError names.
import { redactUrl } from "../src/redact-request.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const send = createRequester("data-manager");

/** The ApiError a request fails with (and a test failure if it succeeds). */
const failureOf = (pending: Promise<unknown>): Promise<ApiError> =>
  pending.then(
    () => {
      throw new Error("expected the request to fail");
    },
    (error: unknown) => error as ApiError,
  );
const SECRET = "eyJhbGciOiJIUzI1NiJ9.secret-token.signature";

/** The smallest credentials provider: one fixed bearer token (auth's staticBearer, without depending on auth). */
const staticBearer = (token: string): CredentialsProvider => ({
  kind: "static",
  getAuthHeaders: async () => ({ Authorization: `Bearer ${token}` }),
  secrets: () => [token],
});

describe("createServiceClient", () => {
  it("needs a base URL and says so", () => {
    expect(() => createServiceClient("dserver", { baseURL: "" })).toThrow(/dserver: baseURL is required/);
  });

  it("sends requests to its own base URL, with a trailing slash trimmed", async () => {
    server.use(http.get("https://one.test/api/things", () => HttpResponse.json({ ok: 1 })));
    const client = createServiceClient("data-manager", { baseURL: "https://one.test/api/" });
    expect(client.baseURL).toBe("https://one.test/api");
    expect(client.origin).toBe("https://one.test");
    await expect(send({ url: "/things", method: "GET" }, { client })).resolves.toEqual({ ok: 1 });
  });

  it("attaches credentials to its own origin only", async () => {
    const seen: Record<string, string | null> = {};
    server.use(
      http.get("https://api.test/dm/me", ({ request }) => {
        seen.api = request.headers.get("authorization");
        return HttpResponse.json({});
      }),
      http.get("https://bucket.test/presigned", ({ request }) => {
        seen.bucket = request.headers.get("authorization");
        return HttpResponse.json({});
      }),
    );
    const client = createServiceClient("data-manager", { baseURL: "https://api.test/dm", auth: staticBearer(SECRET) });
    await send({ url: "/me", method: "GET" }, { client });
    await client.axios.get("https://bucket.test/presigned");
    expect(seen).toEqual({ api: `Bearer ${SECRET}`, bucket: null });
  });

  it("repeats the key for array query parameters", async () => {
    let query = "";
    server.use(
      http.get("https://api.test/uris", ({ request }) => {
        query = new URL(request.url).search;
        return HttpResponse.json([]);
      }),
    );
    const client = createServiceClient("data-manager", { baseURL: "https://api.test" });
    await send({ url: "/uris", method: "GET", params: { tags: ["a", "b"], page: 2 } }, { client });
    expect(query).toBe("?tags=a&tags=b&page=2");
  });
});

describe("the requester generated code calls", () => {
  const client = createServiceClient("data-manager", { baseURL: "https://api.test/dm", auth: staticBearer(SECRET) });

  it("refuses to send without a client, and says how to give one", async () => {
    await expect(send({ url: "/project", method: "GET" })).rejects.toBeInstanceOf(MissingClientError);
  });

  it("refuses a client of another service", async () => {
    const other = createServiceClient("account-server", { baseURL: "https://api.test/as" });
    await expect(send({ url: "/project", method: "GET" }, { client: other })).rejects.toThrow(
      /account-server client cannot send data-manager requests/,
    );
  });

  it("returns binary responses as a Buffer in Node", async () => {
    server.use(
      http.get(
        "https://api.test/dm/file/1",
        () => new HttpResponse(new Uint8Array([0, 1, 254, 255]), { headers: { "content-type": "application/octet-stream" } }),
      ),
    );
    const bytes = await send<Blob>({ url: "/file/1", method: "GET", responseType: "blob" }, { client });
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect([...(bytes as Uint8Array)]).toEqual([0, 1, 254, 255]);
  });

  it("hands the status and headers of a response to onResponse", async () => {
    server.use(http.get("https://api.test/dm/page", () => HttpResponse.json([1], { headers: { "X-Pagination": '{"total":1}' } })));
    const seen: unknown[] = [];
    await send({ url: "/page", method: "GET" }, { client, onResponse: (info) => seen.push(info) });
    expect(seen).toEqual([{ status: 200, headers: expect.objectContaining({ "x-pagination": '{"total":1}' }) }]);
  });

  it("returns undefined for an empty body", async () => {
    server.use(http.delete("https://api.test/dm/project/1", () => new HttpResponse(null, { status: 204 })));
    await expect(send<void>({ url: "/project/1", method: "DELETE" }, { client })).resolves.toBeUndefined();
  });

  it("turns an HTTP failure into ApiError with the error body, and nothing secret", async () => {
    server.use(
      http.get("https://api.test/dm/project/1/file-with-token", () => HttpResponse.json({ error: "Token expired" }, { status: 403 })),
    );
    const error = await failureOf(
      send({ url: "/project/1/file-with-token", method: "GET", params: { token: SECRET, file: "a.sdf" } }, { client }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ service: "data-manager", status: 403, body: { error: "Token expired" }, method: "GET" });
    expect(error.url).toBe("https://api.test/dm/project/1/file-with-token?token=REDACTED&file=a.sdf");
    expect(error.message).toBe(
      "data-manager: GET https://api.test/dm/project/1/file-with-token?token=REDACTED&file=a.sdf answered 403: Token expired",
    );
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 10 }), String(error.stack)])
      expect(text).not.toContain(SECRET);
  });

  it("reads a JSON error body out of a failed binary download", async () => {
    server.use(http.get("https://api.test/dm/file/2", () => HttpResponse.json({ error: "No such file" }, { status: 404 })));
    const error = await failureOf(send<Blob>({ url: "/file/2", method: "GET", responseType: "blob" }, { client }));
    expect(error).toMatchObject({ status: 404, body: { error: "No such file" } });
  });

  it("reports a network failure with no status and the transport's code", async () => {
    server.use(http.get("https://api.test/dm/version", () => HttpResponse.error()));
    const error = await failureOf(send({ url: "/version", method: "GET" }, { client }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/^data-manager: GET https:\/\/api.test\/dm\/version failed: /);
  });

  it("passes axios options through, such as an abort signal", async () => {
    server.use(http.get("https://api.test/dm/slow", () => new Promise(() => {})));
    const controller = new AbortController();
    const pending = send({ url: "/slow", method: "GET" }, { client, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: "ERR_CANCELED", status: undefined });
  });
});

describe("bodies", () => {
  it("multipart keeps file names and the bytes of Buffers, and sends other values as text", async () => {
    const form = toMultipart({
      file: new File(["SDF"], "mols.sdf"),
      bytes: Buffer.from([1, 2, 3]),
      count: 3,
      flag: false,
      tags: ["a", "b"],
      meta: { k: "v" },
      skipped: undefined,
    });
    const parts: [string, string, string | undefined][] = [];
    for (const [name, value] of form)
      parts.push(typeof value === "string" ? [name, value, undefined] : [name, await value.text(), value.name]);
    expect(parts).toEqual([
      ["file", "SDF", "mols.sdf"],
      ["bytes", "\u0001\u0002\u0003", "bytes"],
      ["count", "3", undefined],
      ["flag", "false", undefined],
      ["tags", "a", undefined],
      ["tags", "b", undefined],
      ["meta", '{"k":"v"}', undefined],
    ]);
  });

  it("form-urlencoded sends booleans and numbers as text and repeats arrays", () => {
    expect(toFormUrlEncoded({ name: "p 1", private: true, size: 2, editors: ["x", "y"], none: undefined }).toString()).toBe(
      "name=p+1&private=true&size=2&editors=x&editors=y",
    );
  });

  it("fileFrom names a Buffer, a stream or a Blob", async () => {
    const fromBuffer = await fileFrom(Buffer.from("abc"), "a.txt", "text/plain");
    const fromStream = await fileFrom(Readable.from([Buffer.from("de"), Buffer.from("f")]), "b.txt");
    const fromBlob = await fileFrom(new Blob(["g"], { type: "text/plain" }), "c.txt");
    expect([fromBuffer.name, await fromBuffer.text(), fromBuffer.type]).toEqual(["a.txt", "abc", "text/plain"]);
    expect([fromStream.name, await fromStream.text()]).toEqual(["b.txt", "def"]);
    expect([fromBlob.name, await fromBlob.text(), fromBlob.type]).toEqual(["c.txt", "g", "text/plain"]);
  });
});

describe("redaction and invalidation keys", () => {
  it("hides credentials in URLs", () => {
    expect(redactUrl("https://user:pw@h.test/a?token=x&api_key=y&page=2")).toBe(
      "https://REDACTED@h.test/a?token=REDACTED&api_key=REDACTED&page=2",
    );
    expect(redactUrl("https://h.test/instance/i-1/token/abc123")).toBe("https://h.test/instance/i-1/token/REDACTED");
    expect(redactUrl("/relative?password=p")).toBe("/relative?password=REDACTED");
  });

  it("a mutation's stale key is the service, the deployment and the route's first segment", () => {
    const dm = createServiceClient("data-manager", { baseURL: "https://dm.test/api/" });
    expect(staleKeyFor(dm, "/project/{projectId}/file")).toEqual(["data-manager", "https://dm.test/api", "project"]);
    expect(staleKeyFor({ service: "dss", id: "prod" }, "/")).toEqual(["dss", "prod"]);
  });
});
