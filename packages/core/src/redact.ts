// Redaction by value: the credentials a request carried (and the secrets its
// provider holds) are taken out of whatever an error exposes. Ordinary words
// are never rewritten; the only pattern-based rules are for values shaped like
// tokens (JWTs, and credential-bearing header values).

const REDACTED = "[REDACTED]";

/** A JSON Web Token (three base64url parts, the first a JSON object). */
const JWT = /\beyJ[\w-]*\.[\w-]*\.[\w-]*/g;

/** Replaces every given secret (3 characters or more) and every JWT in `text`. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 3 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out.includes("eyJ") ? out.replace(JWT, REDACTED) : out;
}

/** Header names whose values are credentials whatever they look like. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$|token|api-?key|secret|password/i;
/** Header values that carry a credential scheme. */
const SCHEME_VALUE = /^\s*(bearer|basic|token|digest|negotiate)\s+\S/i;

/** True when a header's value is to be hidden: a credential header, a credential scheme, or a JWT. */
export function isCredentialHeader(name: string, value: unknown): boolean {
  if (CREDENTIAL_HEADER.test(name)) return true;
  return typeof value === "string" && (SCHEME_VALUE.test(value) || value.includes("eyJ"));
}
