import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AuthError, fetchWithAgent, insecureHttpsAgent, jwtExpiry, redactText, safeCause } from "../src/node.js";
import { startApiServer } from "./helpers/api-server.js";

describe("redaction", () => {
  it("removes the given secrets and JWTs, and leaves every ordinary word alone", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
    const text = redactText(
      `token ${jwt}; Authorization: Bearer abc.def; password=hunter2&x=1; {"refresh_token": "rt-1"} my-secret-value`,
      ["abc.def", "hunter2", "rt-1", "my-secret-value"],
    );
    for (const secret of [jwt, "abc.def", "hunter2", "rt-1", "my-secret-value"]) expect(text).not.toContain(secret);
    expect(text).toBe(
      'token [REDACTED]; Authorization: Bearer [REDACTED]; password=[REDACTED]&x=1; {"refresh_token": "[REDACTED]"} [REDACTED]',
    );
    const words = "No bearer token was given; the refresh token was refused; DSS_AUTH_SCHEME must be basic, bearer or header";
    expect(redactText(words, ["s3cret-value"])).toBe(words);
  });

  it("AuthError keeps a secret-free summary of its cause, also through JSON and inspect", () => {
    const cause = Object.assign(new Error("POST failed: client_secret=abcdef123 for leaked-token-value"), {
      code: "ERR_BAD_REQUEST",
      config: { headers: { Authorization: "Bearer leaked-token-value" } },
      response: { status: 400 },
    });
    const error = new AuthError("Sign-in failed for password hunter2pass", {
      code: "token_request_failed",
      provider: "password",
      cause,
      secrets: ["hunter2pass", "abcdef123", "leaked-token-value"],
    });
    expect(error.cause).toEqual({
      name: "Error",
      message: "POST failed: client_secret=[REDACTED] for [REDACTED]",
      code: "ERR_BAD_REQUEST",
      status: 400,
    });
    const text = `${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 10 })}`;
    for (const secret of ["hunter2pass", "abcdef123", "leaked-token-value"]) expect(text).not.toContain(secret);
    expect(safeCause("plain text password=x1y2z3", ["x1y2z3"])?.message).toBe("plain text password=[REDACTED]");
  });

  it("jwtExpiry reads exp and ignores opaque tokens", () => {
    const payload = Buffer.from(JSON.stringify({ exp: 1234 })).toString("base64url");
    expect(jwtExpiry(`e30.${payload}.sig`)).toBe(1234);
    expect(jwtExpiry("opaque-token")).toBeUndefined();
  });
});

describe("fetchWithAgent (used when *_VERIFY_SSL=false)", () => {
  it("sends method, headers and body and returns a standard Response", async () => {
    const api = await startApiServer();
    try {
      const fetchImpl = fetchWithAgent(insecureHttpsAgent());
      const res = await fetchImpl(`${api.origin}/token`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer x" },
        body: JSON.stringify({ a: 1 }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, url: "/token" });
      expect(api.seen.at(-1)?.method).toBe("POST");
      expect(api.seen.at(-1)?.authorization).toBe("Bearer x");
      await expect(fetchImpl("http://127.0.0.1:1/unreachable")).rejects.toBeInstanceOf(TypeError);
    } finally {
      await api.close();
    }
  });
});
