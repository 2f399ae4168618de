/** Tokens as kept by providers and token stores. Times are milliseconds since the epoch. */
export interface TokenSet {
  accessToken: string;
  tokenType?: string;
  refreshToken?: string;
  /** When the access token expires (from `expires_in` or the JWT `exp` claim); undefined = unknown. */
  expiresAt?: number;
  /** When these tokens were obtained; stores keep the newest and never replace it by an older set. */
  obtainedAt: number;
  scope?: string;
  idToken?: string;
}

/**
 * Where providers keep tokens between requests, runs, tabs or processes.
 * Keys name one sign-in (issuer + client + user); one store can hold many.
 */
export interface TokenStore {
  get(key: string): Promise<TokenSet | undefined>;
  /** Saves tokens; a store that is shared keeps the newer set when another writer got there first. */
  set(key: string, tokens: TokenSet): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Runs `fn` while no other user of the same storage (tab, process) runs a
   * locked section for `key`. Providers renew inside it, so that a rotating
   * refresh token is used exactly once.
   */
  lock?<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Calls `listener` when another tab/process changed `key`. Returns an unsubscribe function. */
  subscribe?(key: string, listener: (tokens: TokenSet | undefined) => void): () => void;
}

/** Keeps tokens in memory for the life of the process or page. */
export class MemoryTokenStore implements TokenStore {
  readonly #entries = new Map<string, TokenSet>();

  async get(key: string): Promise<TokenSet | undefined> {
    const tokens = this.#entries.get(key);
    return tokens ? { ...tokens } : undefined;
  }

  async set(key: string, tokens: TokenSet): Promise<void> {
    const existing = this.#entries.get(key);
    if (existing && existing.obtainedAt > tokens.obtainedAt) return;
    this.#entries.set(key, { ...tokens });
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }
}

/** Parses what a store read back; undefined when it is not a token set. */
export function parseTokenSet(value: unknown): TokenSet | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.accessToken !== "string" || typeof v.obtainedAt !== "number") return undefined;
  const out: TokenSet = { accessToken: v.accessToken, obtainedAt: v.obtainedAt };
  if (typeof v.tokenType === "string") out.tokenType = v.tokenType;
  if (typeof v.refreshToken === "string") out.refreshToken = v.refreshToken;
  if (typeof v.expiresAt === "number") out.expiresAt = v.expiresAt;
  if (typeof v.scope === "string") out.scope = v.scope;
  if (typeof v.idToken === "string") out.idToken = v.idToken;
  return out;
}
