export interface GetAuthHeadersOptions {
  /** The server just refused the current credential: get a new one (unless another caller already did). */
  forceRenewal?: boolean;
  signal?: AbortSignal;
  /**
   * The headers the refused request carried. Providers use them to tell whether
   * the credential was already renewed by a concurrent caller, so that any
   * number of simultaneous 401s cause a single renewal.
   */
  refusedHeaders?: Record<string, string>;
}

export interface AuthProvider {
  /** Headers to attach (e.g. `{ Authorization: 'Bearer …' }`, `{ Authorization: 'Basic …' }` or `{ 'X-Api-Key': … }`). forceRenewal: the server just refused the current credential. */
  getAuthHeaders(options?: GetAuthHeadersOptions): Promise<Record<string, string>>;
  /** Optional: drop cached credentials (sign-out). */
  invalidate?(): void | Promise<void>;
  /** Optional: a short name of the provider kind, used in errors (`"static"`, `"password"`, `"device"`…). */
  readonly kind?: string;
}
