function base64UrlDecode(segment: string): string {
  const base64 = segment
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(segment.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

/**
 * Reads the `exp` claim (seconds since the epoch) of a JWT without verifying
 * it (the API verifies it; the client only uses it to renew in time).
 * Returns undefined for opaque tokens or tokens without `exp`.
 */
export function jwtExpiry(token: string): number | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(base64UrlDecode(parts[1]));
    if (typeof payload === "object" && payload !== null) {
      const exp = (payload as Record<string, unknown>).exp;
      if (typeof exp === "number" && Number.isFinite(exp)) return exp;
    }
  } catch {
    // not a JWT
  }
  return undefined;
}

/** Base64 of a UTF-8 string, in browsers and Node alike. */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A URL as shown in messages: without user info, query or fragment, which may carry credentials. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname === "/" && !url.endsWith("/") ? "" : parsed.pathname}`;
  } catch {
    return "(an invalid URL)";
  }
}
