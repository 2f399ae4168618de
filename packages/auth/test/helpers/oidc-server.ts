// The OpenID provider of the tests lives in @sciclients/test-utils (the client
// packages' settings tests use it too); this adds what only auth's tests need.

import { DEVICE_CLIENT, type OidcTestServer } from "@sciclients/test-utils/oidc-server";
import { deviceGrant } from "../../src/index.js";

export * from "@sciclients/test-utils/oidc-server";

/**
 * A refresh token from a device sign-in the server approves at once, for tests
 * that start from stored tokens; the token-request counters are reset after it.
 */
export async function signedInRefreshToken(op: OidcTestServer): Promise<string> {
  const signIn = deviceGrant({
    issuer: op.issuer,
    clientId: DEVICE_CLIENT,
    allowInsecureHttp: true,
    onVerification: (v) => op.approveDevice(v.userCode),
  });
  const refreshToken = (await signIn.getTokens()).refreshToken as string;
  for (const key of Object.keys(op.tokenRequests)) delete op.tokenRequests[key];
  return refreshToken;
}
