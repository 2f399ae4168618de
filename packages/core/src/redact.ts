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

/** The same for every string inside a parsed body (objects and arrays, to a sane depth). */
export function redactDeep<T>(value: T, secrets: readonly (string | undefined)[], depth = 0): T {
  if (typeof value === "string") return redactSecrets(value, secrets) as T;
  if (value === null || typeof value !== "object" || depth > 20) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets, depth + 1)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, secrets, depth + 1);
  return out as T;
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
