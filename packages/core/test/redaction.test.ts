// Secrets are redacted by value: whatever a provider holds, and the header
// values a request carried, are taken out of every part of an ApiError
// (message, body, cause, URL, toJSON, util.inspect), wherever a server put them.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { ApiError, AuthError, type CredentialsProvider, createRequester, createServiceClient } from "@sciclients/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let server: Server;
let origin: string;

beforeAll(async () => {
  // A server that repeats what it was sent in its error answers, as some do.
  server = createServer((req, res) => {
    const echo = {
      error: `refused ${req.headers.authorization ?? ""} ${req.headers["x-api-key"] ?? ""}`,
      url: req.url,
      headers: req.headers,
    };
    res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify(echo));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const send = createRequester("test");
const failure = (pending: Promise<unknown>) =>
  pending.then(
    () => expect.fail("should fail"),
    (error: unknown) => error as ApiError,
  );
const everything = (error: Error) =>
  [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 20, showHidden: true }), String(error.stack)].join("\n");

describe("ApiError takes out the credentials by value", () => {
  it("a token echoed in the body and message, and repeated in the URL, appears nowhere", async () => {
    const token = "opaque-access-token-7f3a9c";
    const provider: CredentialsProvider = {
      kind: "test",
      getAuthHeaders: async () => ({ Authorization: `Bearer ${token}` }),
      secrets: () => [token],
    };
    const client = createServiceClient("test", { baseURL: origin, auth: provider });
    const error = await failure(send({ url: "/things", method: "GET", params: { echo: token, page: 2 } }, { client }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(500);
    expect(everything(error)).not.toContain(token);
    expect(error.url).toBe(`${origin}/things?echo=[REDACTED]&page=2`);
    expect(error.message).toBe(`test: GET ${origin}/things?echo=[REDACTED]&page=2 answered 500: refused Bearer [REDACTED] `);
    expect((error.body as { headers: Record<string, string> }).headers.authorization).toBe("Bearer [REDACTED]");
    expect(error.cause).toEqual({
      name: "AxiosError",
      message: "Request failed with status code 500",
      code: "ERR_BAD_RESPONSE",
      status: 500,
    });
  });

  it("a custom header's key and every secret the provider reports (not only what it sent) are taken out", async () => {
    const key = "key-3b1f0e-secret";
    const password = "provider-password-99";
    const provider: CredentialsProvider = { getAuthHeaders: async () => ({ "X-Api-Key": key }), secrets: () => [key, password] };
    const client = createServiceClient("test", { baseURL: origin, auth: provider });
    const error = await failure(send({ url: `/echo/${password}`, method: "POST", data: { note: password } }, { client }));
    const text = everything(error);
    expect(text).not.toContain(key);
    expect(text).not.toContain(password);
    expect(error.message).toContain("refused  [REDACTED]");
  });

  it("the axios error of a request sent through client.axios carries the credentials nowhere either", async () => {
    const token = "direct-axios-token-51c2";
    const provider: CredentialsProvider = { getAuthHeaders: async () => ({ Authorization: `Bearer ${token}` }), secrets: () => [token] };
    const client = createServiceClient("test", { baseURL: origin, auth: provider });
    const error = (await client.axios.get("/x").catch((e: unknown) => e)) as Error;
    expect(JSON.stringify(error)).not.toContain(token);
    expect(inspect(error, { depth: 6 })).not.toContain(token);
  });

  it("words are never rewritten: an error's message is the text the library wrote", () => {
    const message = "No bearer token was given; the refresh token was refused; must be basic, bearer or header";
    expect(new AuthError(message, { code: "configuration", secrets: ["unrelated-secret"] }).message).toBe(message);
    const error = new ApiError({
      service: "s",
      status: 401,
      code: undefined,
      message,
      body: { token: "word" },
      method: "GET",
      url: "https://h/token/x",
      secrets: ["other"],
    });
    expect(error.message).toBe(message);
    expect(error.body).toEqual({ token: "word" });
  });
});
