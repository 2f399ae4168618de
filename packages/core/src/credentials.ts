/** What the request pipeline asks a {@link CredentialsProvider} for. */
export interface CredentialsRequest {
  /** The request's abort signal: a provider waiting for a sign-in stops when it aborts. */
  signal?: AbortSignal;
  /**
   * Set after the API refused `refusedHeaders` (HTTP 401, or an answer the client's `credentialsRefused` names): return renewed
   * credentials (unless another request renewed them already), the same ones
   * when they cannot be renewed, or throw.
   */
  forceRenewal?: boolean;
  /** The headers the refused request carried; with them a provider tells a stale refusal from a fresh one, so that many 401s at once cause one renewal. */
  refusedHeaders?: Record<string, string>;
  /** With `forceRenewal`: the HTTP status of the answer that refused them (401, or e.g. IceProd's 403), for the provider's errors. */
  refusedStatus?: number;
}

/**
 * Where a client's credentials come from. `@sciclients/auth` implements it
 * (static bearer tokens, API keys, OIDC grants, the dserver token generator);
 * any object of this shape works. The pipeline reads the headers right before
 * each request is sent, sends them only to the client's own origin, and asks
 * for renewal when the API answers 401 (or what the client's `credentialsRefused` names).
 */
export interface CredentialsProvider {
  /** A short name of the provider kind, used in errors (`"static"`, `"password"`, …). */
  readonly kind?: string;
  /** The headers carrying the credentials, e.g. `{ Authorization: "Bearer …" }` or `{ "X-Api-Key": … }`. */
  getAuthHeaders(request?: CredentialsRequest): Promise<Record<string, string>>;
  /** The secret values the provider holds (tokens, keys, passwords, client secrets): errors never show them. */
  secrets?(): readonly (string | undefined)[];
}
