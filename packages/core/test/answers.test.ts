// Answers are what the operation declares: a 2xx answer to an operation that
// declares JSON must be JSON (a truncated body, an HTML page or an empty body
// fail with ApiError `invalid_response`); text and binary operations are
// unaffected. Real HTTP over loopback.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, type CredentialsProvider, createRequester, createServiceClient } from "@sciclients/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let server: Server;
let origin: string;
const TOKEN = "session-token-4d2e91";

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/truncated") res.writeHead(200, { "content-type": "application/json" }).end('{"username": "al');
    else if (path === "/login-page")
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(`<!doctype html><html><body>Session expired for ${req.headers.authorization}</body></html>`);
    else if (path === "/empty") res.writeHead(200, { "content-type": "application/json" }).end();
    else if (path === "/no-content") res.writeHead(204).end();
    else if (path === "/string") res.writeHead(200, { "content-type": "application/json" }).end('"just a string"');
    else res.writeHead(200, { "content-type": "application/json" }).end('{"username":"alice"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const send = createRequester("test");
const provider: CredentialsProvider = { getAuthHeaders: async () => ({ Authorization: `Bearer ${TOKEN}` }), secrets: () => [TOKEN] };
const failure = (pending: Promise<unknown>) =>
  pending.then(
    () => expect.fail("should fail"),
    (error: unknown) => error as ApiError,
  );

describe("a JSON operation's answer", () => {
  const client = () => createServiceClient("test", { baseURL: origin, auth: provider });
  const json = (url: string) => send({ url, method: "GET", operation: "getUser", responseType: "json" }, { client: client() });

  it("is parsed when it is JSON (a JSON string included) and undefined for 204", async () => {
    await expect(json("/user")).resolves.toEqual({ username: "alice" });
    await expect(json("/string")).resolves.toBe("just a string");
    await expect(json("/no-content")).resolves.toBeUndefined();
  });

  it("truncated: ApiError invalid_response naming the operation, status, content type and first bytes", async () => {
    const error = await failure(json("/truncated"));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "invalid_response", status: 200, service: "test", method: "GET", url: `${origin}/truncated` });
    expect(error.message).toBe(
      'test: getUser answered 200 (application/json) with a body that is not JSON: "{\\"username\\": \\"al", where the operation declares JSON',
    );
  });

  it("an HTML page with status 200 (an SSO proxy's login page): the same, with the credentials it echoed taken out", async () => {
    const error = await failure(json("/login-page"));
    expect(error.code).toBe("invalid_response");
    expect(error.message).toContain('getUser answered 200 (text/html; charset=utf-8) with a body that is not JSON: "<!doctype html>');
    expect(error.message).toContain("Session expired for Bearer [REDACTED]");
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it("empty although content is declared", async () => {
    const error = await failure(json("/empty"));
    expect(error.code).toBe("invalid_response");
    expect(error.message).toBe("test: getUser answered 200 (application/json) with an empty body, where the operation declares JSON");
  });
});

describe("text and binary operations are unaffected", () => {
  it("text stays text, whatever it looks like", async () => {
    const client = createServiceClient("test", { baseURL: origin });
    await expect(send({ url: "/truncated", method: "GET", operation: "getLog", responseType: "text" }, { client })).resolves.toBe(
      '{"username": "al',
    );
    await expect(send({ url: "/login-page", method: "GET", operation: "getLog", responseType: "text" }, { client })).resolves.toMatch(
      /^<!doctype html>/,
    );
  });

  it("bytes stay bytes", async () => {
    const client = createServiceClient("test", { baseURL: origin });
    const bytes = await send<Blob>({ url: "/truncated", method: "GET", operation: "download", responseType: "blob" }, { client });
    expect(new TextDecoder().decode(bytes as Uint8Array)).toBe('{"username": "al');
  });
});
