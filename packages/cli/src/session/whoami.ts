// One line about a saved sign-in: who, where, how and until when. It reads
// the tokens' times and whether there is a refresh token, never a token itself.
import type { TokenSet } from "@sciclients/auth/node";
import type { SignIn } from "./sign-ins.js";

const HOW: Record<SignIn["kind"], string> = {
  password: "password sign-in",
  device: "device sign-in",
  "dserver-token": "dserver token generator",
  "api-key": "API key",
};

function validity(signIn: SignIn, tokens: TokenSet | undefined, now: number): string {
  if (!tokens) return `no saved tokens (sign in again: sciclients login ${signIn.service})`;
  const renewable = tokens.refreshToken !== undefined;
  if (tokens.expiresAt === undefined) return renewable ? "renewable" : "no expiry known";
  const at = new Date(tokens.expiresAt).toISOString();
  if (tokens.expiresAt > now) return `access token valid until ${at}${renewable ? ", renewable" : ""}`;
  return renewable ? `access token expired at ${at}, renewed at the next command` : `expired at ${at} (sign in again)`;
}

/** E.g. `data-manager: alice at https://…/data-manager-api (password sign-in at https://…/realms/squonk, client squonk-public); access token valid until …`. */
export function describeSignIn(signIn: SignIn, tokens: TokenSet | undefined, now = Date.now()): string {
  const who = signIn.username ? `${signIn.username} at ` : "";
  const via = signIn.issuer ? ` at ${signIn.issuer}, client ${signIn.clientId}` : "";
  const sent = signIn.kind === "api-key" ? `, sent as ${signIn.authScheme === "header" ? signIn.authHeader : signIn.authScheme}` : "";
  return `${signIn.service}: ${who}${signIn.baseURL} (${HOW[signIn.kind]}${via}${sent}, since ${signIn.signedInAt}); ${validity(signIn, tokens, now)}`;
}
