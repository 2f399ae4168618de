// Which answers refuse the credentials: a 401 by default (a 403 is left to the
// caller), or what a client's `credentialsRefused` says, given the body as read
// whatever the response type. Real HTTP over loopback.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, type CredentialsProvider, createRequester, createServiceClient } from "@sciclients/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

let server: Server;
let origin: string;
let seen: (string | undefined)[] = [];

beforeAll(async () => {
  // Honours only "Bearer fresh"; anything else gets 403 with a JSON reason.
  server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    if (req.headers.authorization === "Bearer fresh") res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    else res.writeHead(403, { "content-type": "application/json" }).end('{"error":"token expired"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
});

const send = createRequester("test");

function renewingProvider() {
  let renewed = 0;
  const provider: CredentialsProvider = {
    async getAuthHeaders(request = {}) {
      if (request.forceRenewal) renewed += 1;
      return { Authorization: renewed > 0 ? "Bearer fresh" : "Bearer stale" };
    },
  };
  return { provider, renewals: () => renewed };
}

describe("credentialsRefused", () => {
  it("by default a 403 is an ApiError and credentials are not renewed", async () => {
    const { provider, renewals } = renewingProvider();
    const client = createServiceClient("test", { baseURL: origin, auth: provider });
    const error = await send({ url: "/x", method: "GET" }, { client }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(403);
    expect(renewals()).toBe(0);
    expect(seen).toEqual(["Bearer stale"]);
  });

  it("a test of the client's own gets the parsed body, for JSON, text and arraybuffer response types alike", async () => {
    for (const responseType of ["json", "text", "arraybuffer"] as const) {
      seen = [];
      const bodies: unknown[] = [];
      const { provider, renewals } = renewingProvider();
      const client = createServiceClient("test", {
        baseURL: origin,
        auth: provider,
        credentialsRefused: (status, body) => {
          bodies.push(body);
          return status === 403 && (body as { error?: string }).error === "token expired";
        },
      });
      const response = await client.axios.get("/x", { responseType });
      expect(response.status).toBe(200);
      expect(renewals()).toBe(1);
      expect(bodies).toEqual([{ error: "token expired" }]);
      expect(seen).toEqual(["Bearer stale", "Bearer fresh"]);
    }
  });

  it("a streamed answer's body is never read: the test gets undefined", async () => {
    const bodies: unknown[] = [];
    const { provider, renewals } = renewingProvider();
    const client = createServiceClient("test", { baseURL: origin, auth: provider, credentialsRefused: (_, body) => bodies.push(body) < 0 });
    const response = await client.axios.get("/x", { responseType: "stream", validateStatus: () => true });
    response.data.destroy();
    expect(response.status).toBe(403);
    expect(bodies).toEqual([undefined]);
    expect(renewals()).toBe(0);
  });

  it("a setting that is not a function is refused by name", () => {
    expect(() => createServiceClient("test", { baseURL: origin, credentialsRefused: 403 as never })).toThrow(
      /test: credentialsRefused must be a function/,
    );
  });
});
