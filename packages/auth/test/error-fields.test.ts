// AuthError's fields for a refused credential: `service` names the client that
// sent the request, and `status` is the status the API really answered (401,
// or a 403 that the client's `credentialsRefused` names, as IceProd answers).
// Real HTTP over loopback: an API that refuses every credential.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { type CredentialsProvider, createServiceClient } from "@sciclients/core";
import axios from "axios";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthError, apiKey, attachAuth, dssApiKey, staticBearer } from "../src/index.js";

let server: Server;
let origin: string;
let requests = 0;

beforeAll(async () => {
  // GET /status/<n> answers n with a JSON error, whatever credential came.
  server = createServer((req, res) => {
    requests++;
    const status = Number(/^\/status\/(\d{3})/.exec(req.url ?? "")?.[1] ?? 404);
    res.writeHead(status, { "content-type": "application/json" }).end('{"message":"authentication failed"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The error of one GET through a client of `service` whose API refuses credentials with 401 and 403. */
async function refusal(service: string, auth: CredentialsProvider, status: number): Promise<AuthError> {
  const client = createServiceClient(service, { baseURL: origin, auth, credentialsRefused: (s) => s === 401 || s === 403 });
  const error = await client.send(service, { operation: "probe", method: "GET", url: `/status/${status}` }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

const fixed: Record<string, { make: () => CredentialsProvider; secret: string; kind: string; message: RegExp }> = {
  staticBearer: {
    make: () => staticBearer("fixed-bearer-secret"),
    secret: "fixed-bearer-secret",
    kind: "static",
    message: /^The API refused the bearer token \(HTTP (\d{3})\), and a fixed token cannot be renewed$/,
  },
  "staticBearer (X-Auth-Token)": {
    make: () => staticBearer("fixed-header-secret", { header: "X-Auth-Token" }),
    secret: "fixed-header-secret",
    kind: "static",
    message: /^The API refused the bearer token \(HTTP (\d{3})\), and a fixed token cannot be renewed$/,
  },
  apiKey: {
    make: () => apiKey("fixed-api-key-secret", { scheme: "header", headerName: "X-Api-Key" }),
    secret: "fixed-api-key-secret",
    kind: "api-key",
    message: /^The API refused the API key \(HTTP (\d{3})\), and a fixed key cannot be renewed$/,
  },
  dssApiKey: {
    make: () => dssApiKey("fixed-dss-key-secret"),
    secret: "fixed-dss-key-secret",
    kind: "api-key",
    message: /^The API refused the API key \(HTTP (\d{3})\), and a fixed key cannot be renewed$/,
  },
};

describe("a fixed token or key the API refuses", () => {
  for (const [name, { make, secret, kind, message }] of Object.entries(fixed)) {
    for (const status of [401, 403]) {
      it(`${name}, HTTP ${status}: unauthorized, with the real status and the client's service, sent once`, async () => {
        const before = requests;
        const error = await refusal("iceprod", make(), status);
        expect(requests - before).toBe(1);
        expect({ code: error.code, status: error.status, service: error.service, provider: error.provider }).toEqual({
          code: "unauthorized",
          status,
          service: "iceprod",
          provider: kind,
        });
        expect(message.exec(error.message)?.[1]).toBe(String(status));
        expect(`${JSON.stringify(error)} ${inspect(error, { depth: 10 })}`).not.toContain(secret);
      });
    }
  }
});

describe("the pipeline's own errors name the service", () => {
  /** A provider that renews on request, every credential of which the API refuses. */
  function renewing(): CredentialsProvider & { renewals: number } {
    const provider = {
      kind: "renewing",
      renewals: 0,
      secrets: () => [`renewable-${provider.renewals}`],
      async getAuthHeaders(request?: { forceRenewal?: boolean }) {
        if (request?.forceRenewal) provider.renewals++;
        return { Authorization: `Bearer renewable-${provider.renewals}` };
      },
    };
    return provider;
  }

  it("renewed credentials refused again: unauthorized with the service and the status", async () => {
    for (const status of [401, 403]) {
      const provider = renewing();
      const error = await refusal("dserver", provider, status);
      expect(provider.renewals).toBe(1);
      expect({ code: error.code, status: error.status, service: error.service, provider: error.provider }).toEqual({
        code: "unauthorized",
        status,
        service: "dserver",
        provider: "renewing",
      });
    }
  });

  it("a provider that fails with an AuthError of its own: the error gains the service", async () => {
    const client = createServiceClient("dss", { baseURL: origin, auth: staticBearer(() => "") });
    const error = await client.send("dss", { method: "GET", url: "/status/200" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("no_credentials");
    expect((error as AuthError).service).toBe("dss");
  });

  it("a provider that throws something else: token_request_failed with the service", async () => {
    const provider: CredentialsProvider = {
      kind: "broken",
      async getAuthHeaders() {
        throw new Error("the token helper crashed");
      },
    };
    const client = createServiceClient("data-manager", { baseURL: origin, auth: provider });
    const error = (await client.send("data-manager", { method: "GET", url: "/status/200" }).catch((e: unknown) => e)) as AuthError;
    expect({ code: error.code, service: error.service, provider: error.provider }).toEqual({
      code: "token_request_failed",
      service: "data-manager",
      provider: "broken",
    });
  });

  it("one provider shared by clients of two services: each error names its own service", async () => {
    const shared = staticBearer(() => "");
    const errors = await Promise.all(
      ["dserver", "iceprod"].map((service) =>
        createServiceClient(service, { baseURL: origin, auth: shared })
          .send(service, { method: "GET", url: "/status/200" })
          .catch((e: unknown) => e as AuthError),
      ),
    );
    expect(errors.map((e) => (e as AuthError).service)).toEqual(["dserver", "iceprod"]);
  });

  it("attachAuth on an axios instance of your own: the service given, else none", async () => {
    const named = axios.create({ baseURL: origin });
    attachAuth(named, staticBearer("attached-secret"), { service: "my-api" });
    const error = (await named.get("/status/401").catch((e: unknown) => e)) as AuthError;
    expect({ code: error.code, service: error.service, status: error.status }).toEqual({
      code: "unauthorized",
      service: "my-api",
      status: 401,
    });
    const unnamed = axios.create({ baseURL: origin });
    attachAuth(unnamed, staticBearer("attached-secret"));
    expect(((await unnamed.get("/status/401").catch((e: unknown) => e)) as AuthError).service).toBeUndefined();
  });
});
