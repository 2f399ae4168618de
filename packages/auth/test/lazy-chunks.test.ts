// The code auth loads when a token is first needed (the token keeper, the OpenID
// grants) comes from chunks an app's host may fail to serve: such a failure is
// an AuthError that says so, and the next request tries the chunk again.
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.doUnmock("../src/token-keeper.js");
  vi.doUnmock("../src/oidc-grants.js");
  vi.resetModules();
});

describe("chunks that do not load", () => {
  it.each([
    ["../src/token-keeper.js", /Could not load the code that keeps and renews tokens/],
    ["../src/oidc-grants.js", /Could not load the OpenID sign-in code/],
  ])("%s: an AuthError (configuration) that says so", async (path, message) => {
    vi.resetModules();
    vi.doMock(path, () => {
      throw new Error("Failed to fetch dynamically imported module");
    });
    const { AuthError, passwordGrant } = await import("../src/index.js");
    const provider = passwordGrant({ issuer: "https://sso.test/realms/r", clientId: "c", username: "u", password: "p" });
    const error = await provider.getAuthHeaders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: "configuration", message: expect.stringMatching(message) });
  });
});
