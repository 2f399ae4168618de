// Nothing hangs forever: a stalled server ends in ApiError `timeout` by the
// idle timeout (no byte for N ms), whether it never answers, stops in the middle
// of a body, or stops in the middle of a streamed response; through axios's
// Node http adapter and its fetch adapter. The total timeout stays opt-in.
import { Agent, createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Duplex } from "node:stream";
import {
  ApiError,
  createRequester,
  createServiceClient,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  toApiError,
} from "@sciclients/core";
import { isAxiosError } from "axios";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let server: Server;
let origin: string;
const hanging = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer((req, res) => {
    hanging.add(res);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/silent") return; // never answers
    if (path === "/half-body") {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" }).write('{"a":');
      return;
    }
    if (path === "/slow-chunks") {
      // a byte every 40 ms: never idle for long, done after 800 ms
      res.writeHead(200, { "content-type": "text/plain" });
      let n = 0;
      const timer = setInterval(() => {
        res.write("x");
        if (++n === 20) {
          clearInterval(timer);
          res.end();
        }
      }, 30);
      return;
    }
    if (path === "/stalled-stream") {
      res.writeHead(200, { "content-type": "application/x-ndjson" }).write('{"n":1}\n');
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const send = createRequester("test");
const failure = (pending: Promise<unknown>) =>
  pending.then(
    () => expect.fail("should fail"),
    (error: unknown) => error as ApiError,
  );

it("the defaults are generous, and documented as constants", () => {
  expect(DEFAULT_CONNECT_TIMEOUT_MS).toBe(30_000);
  expect(DEFAULT_IDLE_TIMEOUT_MS).toBe(120_000);
  const client = createServiceClient("test", { baseURL: origin });
  expect(client.axios.defaults).toMatchObject({ connectTimeout: 30_000, idleTimeout: 120_000, timeout: 0 });
  expect(() => createServiceClient("test", { baseURL: origin, idleTimeout: -1 })).toThrow(/idleTimeout must be a number of milliseconds/);
});

it("a connection that does not open within connectTimeout: ApiError timeout (Node)", async () => {
  // An agent whose sockets never finish connecting, as with a host that drops the packets.
  class NeverConnects extends Agent {
    override createConnection() {
      const silent = new Duplex({ read() {}, write: (_chunk, _encoding, done) => done() });
      const socket = Object.assign(silent, { connecting: true, setKeepAlive() {}, setNoDelay() {}, ref() {}, unref() {} });
      return Object.assign(socket, { setTimeout: () => socket }) as never;
    }
  }
  const client = createServiceClient("test", {
    baseURL: origin,
    connectTimeout: 150,
    idleTimeout: 60_000,
    axios: { adapter: "http", httpAgent: new NeverConnects() },
  });
  const error = await failure(send({ url: "/x", method: "GET" }, { client }));
  expect(error.code).toBe("timeout");
  expect(error.message).toBe(`test: GET ${origin}/x failed: could not connect within 150 ms`);
});

describe.each(["http", "fetch"] as const)("through axios's %s adapter", (adapter) => {
  const client = (options: { idleTimeout?: number; timeout?: number } = {}) =>
    createServiceClient("test", { baseURL: origin, idleTimeout: 200, ...options, axios: { adapter } });

  it("a server that never answers: ApiError timeout", async () => {
    const error = await failure(send({ url: "/silent", method: "GET", operation: "getThing" }, { client: client() }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("timeout");
    expect(error.status).toBeUndefined();
    expect(error.message).toBe(`test: GET ${origin}/silent failed: no data for 200 ms (idle timeout)`);
  });

  it("a body that stops half-way: ApiError timeout", async () => {
    const error = await failure(send({ url: "/half-body", method: "GET" }, { client: client() }));
    expect(error.code).toBe("timeout");
  });

  it("bytes that keep coming reset the idle timeout; a total timeout is opt-in and ends the request", async () => {
    // (browser-style adapters see progress about three times a second: the idle timeout is above that)
    await expect(
      send({ url: "/slow-chunks", method: "GET", responseType: "text" }, { client: client({ idleTimeout: 500 }) }),
    ).resolves.toBe("x".repeat(20));
    const error = await failure(
      send({ url: "/slow-chunks", method: "GET", responseType: "text" }, { client: client({ idleTimeout: 500, timeout: 100 }) }),
    );
    expect(error.code).toBe("timeout");
    expect(error.message).toContain("no complete answer within 100 ms (timeout)");
  });

  it("a per-request idleTimeout overrides the client's", async () => {
    const error = await failure(send({ url: "/silent", method: "GET" }, { client: client({ idleTimeout: 60_000 }), idleTimeout: 100 }));
    expect(error.code).toBe("timeout");
  });

  it("a response stream that stalls fails with the timeout while it is read", async () => {
    const c = client();
    const response = await c.axios.get(`/stalled-stream`, { responseType: "stream" });
    const body = response.data as AsyncIterable<Uint8Array>;
    let received = "";
    const failed = await (async () => {
      try {
        for await (const chunk of body) received += new TextDecoder().decode(chunk);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(received).toBe('{"n":1}\n');
    expect(isAxiosError(failed)).toBe(true);
    const apiError = await toApiError("test", Object.assign(failed as object, { config: response.config }) as never);
    expect(apiError.code).toBe("timeout");
  });
});
