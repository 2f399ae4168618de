// IceProd never answers 401: rest-tools' `authenticated` decorator answers a
// missing, invalid or expired token with 403 `{"code": 403, "error":
// "authentication failed"}`, and a refused role or dataset with 403
// "authorization failed". Only the first asks for renewed credentials.

const AUTHENTICATION_FAILED = /authentication failed/i;

/** True for answers that refuse IceProd credentials: 401, or 403 "authentication failed" (JSON or text). */
export function iceprodRefusesCredentials(status: number, body: unknown): boolean {
  if (status === 401) return true;
  if (status !== 403) return false;
  if (typeof body === "string") return AUTHENTICATION_FAILED.test(body);
  const reason = (body as { error?: unknown } | null | undefined)?.error;
  return typeof reason === "string" && AUTHENTICATION_FAILED.test(reason);
}
