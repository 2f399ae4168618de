import { inspect } from "node:util";
import axios from "axios";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthError, type AuthProvider, attachAuth, staticBearer } from "../src/index.js";
import { type ApiServer, startApiServer } from "./helpers/api-server.js";

let api: ApiServer;
let other: ApiServer;

beforeAll(async () => {
  api = await startApiServer();
  other = await startApiServer();
});
afterAll(async () => {
  await api.close();
  await other.close();
});

/** A provider whose token changes on every forced renewal; counts renewals. */
function countingProvider(accept: (token: string) => boolean = () => true) {
  let version = 1;
  let renewals = 0;
  let failRenewal = false;
  const provider: AuthProvider = {
    kind: "test",
    // Redaction is by value: a provider reports what it holds (here, what its token endpoint's errors may repeat).
    secrets: () => ["hunter2-secret", `tok-${version}`],
    async getAuthHeaders(options = {}) {
      if (options.forceRenewal) {
        if (failRenewal) throw new Error("token endpoint down: password=hunter2-secret");
        renewals++;
        version++;
      }
      const token = `tok-${version}`;
      if (!accept(token)) return { Authorization: `Bearer ${token}` };
      return { Authorization: `Bearer ${token}` };
    },
  };
  return {
    provider,
    renewals: () => renewals,
    setFailRenewal(v: boolean) {
      failRenewal = v;
    },
  };
}

describe("attachAuth", () => {
  it("attaches headers to requests for the base URL's origin", async () => {
    api.setAuthorizer(() => 200);
    const http = axios.create({ baseURL: `${api.origin}/api` });
    attachAuth(http, staticBearer("secret-static-token"));
    const res = await http.get("/things");
    expect(res.status).toBe(200);
    const last = api.seen.at(-1);
    expect(last?.url).toBe("/api/things");
    expect(last?.authorization).toBe("Bearer secret-static-token");
  });

  it("never sends credentials to another origin (absolute URL, e.g. a presigned download)", async () => {
    const http = axios.create({ baseURL: api.origin });
    attachAuth(http, staticBearer("secret-static-token"));
    await http.get(`${other.origin}/bucket/file?X-Amz-Signature=abc`);
    const seen = other.seen.at(-1);
    expect(seen?.url).toBe("/bucket/file?X-Amz-Signature=abc");
    expect(seen?.authorization).toBeUndefined();
    // same host, other port is another origin too
    const sameHostOtherPort = axios.create({ baseURL: api.origin });
    attachAuth(sameHostOtherPort, staticBearer("secret-static-token"), { origin: other.origin });
    await sameHostOtherPort.get("/x");
    expect(api.seen.at(-1)?.authorization).toBeUndefined();
    await sameHostOtherPort.get(`${other.origin}/y`);
    expect(other.seen.at(-1)?.authorization).toBe("Bearer secret-static-token");
  });

  it("attaches nothing when no origin can be known (no baseURL, no origin option, no page)", async () => {
    const http = axios.create();
    attachAuth(http, staticBearer("secret-static-token"));
    await http.get(`${api.origin}/plain`);
    expect(api.seen.at(-1)?.authorization).toBeUndefined();
  });

  it("on 401 renews once and retries once, then succeeds", async () => {
    api.setAuthorizer((req) => (req.authorization === "Bearer tok-2" ? 200 : 401));
    const { provider, renewals } = countingProvider();
    const http = axios.create({ baseURL: api.origin });
    attachAuth(http, provider);
    const before = api.seen.length;
    const res = await http.get("/needs-fresh");
    expect(res.status).toBe(200);
    expect(renewals()).toBe(1);
    const attempts = api.seen.slice(before).map((r) => r.authorization);
    expect(attempts).toEqual(["Bearer tok-1", "Bearer tok-2"]);
  });

  it("a second 401 after renewal ends with AuthError(unauthorized) and no further retry", async () => {
    api.setAuthorizer(() => 401);
    const { provider, renewals } = countingProvider();
    const http = axios.create({ baseURL: api.origin });
    attachAuth(http, provider);
    const before = api.seen.length;
    const error = await http.get("/always-401").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("unauthorized");
    expect((error as AuthError).status).toBe(401);
    expect(renewals()).toBe(1);
    expect(api.seen.length - before).toBe(2);
    expect(JSON.stringify(error)).not.toContain("tok-");
    expect(inspect(error, { depth: 10 })).not.toContain("tok-");
  });

  it("a failing renewal ends the request with AuthError without secrets", async () => {
    api.setAuthorizer(() => 401);
    const { provider, setFailRenewal } = countingProvider();
    setFailRenewal(true);
    const http = axios.create({ baseURL: api.origin });
    attachAuth(http, provider);
    const error = await http.get("/x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).provider).toBe("test");
    const text = `${JSON.stringify(error)} ${inspect(error, { depth: 10 })} ${String(error)}`;
    expect(text).not.toContain("hunter2-secret");
    expect(text).not.toContain("tok-1");
  });

  it("a static token the server refuses fails once with AuthError", async () => {
    api.setAuthorizer(() => 401);
    const http = axios.create({ baseURL: api.origin });
    attachAuth(http, staticBearer("refused-static-token"));
    const before = api.seen.length;
    const error = await http.get("/x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("unauthorized");
    expect(api.seen.length - before).toBe(1);
    expect(inspect(error, { depth: 10 })).not.toContain("refused-static-token");
  });

  it("redacts credentials from axios errors that pass through (non-401)", async () => {
    api.setAuthorizer(() => 500);
    const http = axios.create({ baseURL: api.origin });
    attachAuth(http, staticBearer("very-secret-bearer"));
    const error = await http.get("/boom").catch((e: unknown) => e);
    expect(axios.isAxiosError(error)).toBe(true);
    expect((error as { response?: { status?: number } }).response?.status).toBe(500);
    expect(JSON.stringify(error)).not.toContain("very-secret-bearer");
    expect(inspect(error, { depth: 6 })).not.toContain("very-secret-bearer");
  });

  it("the returned function removes both interceptors", async () => {
    api.setAuthorizer(() => 200);
    const http = axios.create({ baseURL: api.origin });
    const detach = attachAuth(http, staticBearer("secret-static-token"));
    await http.get("/a");
    expect(api.seen.at(-1)?.authorization).toBe("Bearer secret-static-token");
    detach();
    await http.get("/b");
    expect(api.seen.at(-1)?.authorization).toBeUndefined();
  });

  it("a provider error on the way out becomes AuthError and no request is sent", async () => {
    const http = axios.create({ baseURL: api.origin });
    const before = api.seen.length;
    attachAuth(http, {
      kind: "broken",
      secrets: () => ["s3cr3t-value"],
      async getAuthHeaders() {
        throw new Error("cannot reach issuer; client_secret=s3cr3t-value");
      },
    });
    const error = await http.get("/x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).provider).toBe("broken");
    expect(api.seen.length).toBe(before);
    expect(JSON.stringify(error)).not.toContain("s3cr3t-value");
  });
});
