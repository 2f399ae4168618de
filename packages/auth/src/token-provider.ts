import { AuthError } from "./errors.js";
import type { TokenSet, TokenStore } from "./store.js";
import type { AuthProvider, GetAuthHeadersOptions } from "./types.js";
import { headersCarry, withSignal } from "./util.js";

export interface TokenProviderOptions {
  /**
   * Renew a token this many seconds before it expires (default 60, like the
   * Squonk2 Python client). For tokens that live shorter than twice the skew
   * (dserver's default is 15 s), half their lifetime is used instead.
   */
  skewSeconds?: number;
  /** Where tokens are kept (default: memory of this provider only). */
  store?: TokenStore;
  /** The key under which this sign-in is kept in the store (default: derived from issuer, client and user). */
  storeKey?: string;
  /** Warnings (store unreadable, corrupt file...). Default `console.warn`. Never given secrets. */
  onWarning?: (message: string) => void;
  /** Clock, for tests. */
  now?: () => number;
}

/** The errors a grant may throw that mean "this refresh token is no longer good". */
export function isInvalidGrant(error: unknown): boolean {
  return error instanceof AuthError && error.code === "invalid_grant";
}

/**
 * Shared machinery of every provider that obtains tokens: proactive renewal
 * before expiry, single flight (any number of concurrent callers share one
 * token request), refresh-token use with fall-back to the provider's own
 * sign-in on `invalid_grant`, and coordination through a token store.
 */
export abstract class TokenProvider implements AuthProvider {
  abstract readonly kind: string;
  protected readonly skewMs: number;
  protected readonly store: TokenStore | undefined;
  protected readonly warn: (message: string) => void;
  protected readonly now: () => number;
  readonly #storeKey: string | undefined;
  #current: TokenSet | undefined;
  #loading: Promise<void> | undefined;
  #inflight: Promise<TokenSet> | undefined;
  #unsubscribe: (() => void) | undefined;

  protected constructor(options: TokenProviderOptions = {}) {
    this.skewMs = (options.skewSeconds ?? 60) * 1000;
    this.store = options.store;
    this.#storeKey = options.storeKey;
    this.warn = options.onWarning ?? ((message) => console.warn(`[@sciclients/auth] ${message}`));
    this.now = options.now ?? Date.now;
  }

  /** Obtains new tokens through this provider's own sign-in (password, device, client credentials...). */
  protected abstract signIn(): Promise<TokenSet>;
  /** Default store key of this sign-in. */
  protected abstract defaultStoreKey(): string;
  /** Uses a refresh token; providers without refresh leave it undefined. */
  protected refresh?(refreshToken: string): Promise<TokenSet>;

  get storeKey(): string {
    return this.#storeKey ?? this.defaultStoreKey();
  }

  /** The secrets this provider holds: the current tokens, and what {@link ownSecrets} adds. Errors never show them. */
  secrets(): (string | undefined)[] {
    const current = this.#current;
    return [current?.accessToken, current?.refreshToken, current?.idToken, ...this.ownSecrets()];
  }

  /** Secrets of the sign-in itself (passwords, client secrets). */
  protected ownSecrets(): (string | undefined)[] {
    return [];
  }

  /** The header(s) for the current access token. */
  protected headersFor(tokens: TokenSet): Record<string, string> {
    return { Authorization: `Bearer ${tokens.accessToken}` };
  }

  async getAuthHeaders(options: GetAuthHeadersOptions = {}): Promise<Record<string, string>> {
    return this.headersFor(await this.getTokens(options));
  }

  /** The current tokens, renewed first when they are about to expire or were refused. */
  async getTokens(options: GetAuthHeadersOptions = {}): Promise<TokenSet> {
    await withSignal(this.#load(), options.signal, this.kind);
    if (this.#inflight) return withSignal(this.#inflight, options.signal, this.kind);
    const current = this.#current;
    const refused =
      current !== undefined &&
      options.forceRenewal === true &&
      (options.refusedHeaders === undefined || headersCarry(options.refusedHeaders, current.accessToken));
    if (current && !refused && this.isFresh(current)) return current;
    const flight = this.#renew(refused ? current?.accessToken : undefined);
    this.#inflight = flight;
    flight.then(
      () => this.#clearFlight(flight),
      () => this.#clearFlight(flight),
    );
    return withSignal(flight, options.signal, this.kind);
  }

  #clearFlight(flight: Promise<TokenSet>): void {
    if (this.#inflight === flight) this.#inflight = undefined;
  }

  /** True when the token can be used now (not within the renewal skew of its expiry). */
  protected isFresh(tokens: TokenSet): boolean {
    if (tokens.expiresAt === undefined) return true;
    const lifetime = tokens.expiresAt - tokens.obtainedAt;
    const skew = lifetime > 0 ? Math.min(this.skewMs, lifetime / 2) : this.skewMs;
    return tokens.expiresAt - skew > this.now();
  }

  /** Sign-out: forgets the tokens here and in the store. */
  async invalidate(): Promise<void> {
    this.#current = undefined;
    await this.#storeCall("delete", () => this.store?.delete(this.storeKey));
  }

  /** Stops listening to the store's change notifications. */
  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #load(): Promise<void> {
    if (!this.#loading) {
      this.#loading = (async () => {
        if (!this.store) return;
        const stored = await this.#read();
        if (stored && !this.#current) this.#current = stored;
        this.#unsubscribe = this.store.subscribe?.(this.storeKey, (tokens) => this.#adopt(tokens));
      })();
    }
    return this.#loading;
  }

  #adopt(tokens: TokenSet | undefined): void {
    if (tokens && (!this.#current || tokens.obtainedAt >= this.#current.obtainedAt)) this.#current = tokens;
  }

  async #read(): Promise<TokenSet | undefined> {
    if (!this.store) return undefined;
    let value: TokenSet | undefined;
    await this.#storeCall("read", async () => {
      value = await this.store?.get(this.storeKey);
    });
    return value;
  }

  async #storeCall(what: string, fn: () => Promise<unknown> | undefined): Promise<void> {
    try {
      await fn();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.warn(`could not ${what} the token store (${reason}); continuing without it`);
    }
  }

  #renew(refusedAccessToken: string | undefined): Promise<TokenSet> {
    const run = async (): Promise<TokenSet> => {
      // Another tab, process or provider sharing the store may have renewed already: adopt its tokens.
      const stored = await this.#read();
      if (stored && stored.accessToken !== refusedAccessToken && this.isFresh(stored)) {
        this.#current = stored;
        return stored;
      }
      const base = stored && (!this.#current || stored.obtainedAt >= this.#current.obtainedAt) ? stored : this.#current;
      let next: TokenSet | undefined;
      if (base?.refreshToken && this.refresh) {
        try {
          next = await this.refresh(base.refreshToken);
          if (!next.refreshToken) next.refreshToken = base.refreshToken;
        } catch (error) {
          if (!isInvalidGrant(error)) throw error;
          // The refresh token is spent or revoked: forget it, then sign in again through this provider's own flow.
          this.#current = undefined;
          await this.#storeCall("clear", () => this.store?.delete(this.storeKey));
        }
      }
      if (!next) next = await this.signIn();
      this.#current = next;
      await this.#storeCall("write", () => this.store?.set(this.storeKey, next));
      return next;
    };
    const store = this.store;
    if (store?.lock) {
      return (async () => {
        let result: TokenSet | undefined;
        let lockError: unknown;
        let ran = false;
        try {
          result = await store.lock?.(this.storeKey, async () => {
            ran = true;
            return run();
          });
        } catch (error) {
          lockError = error;
        }
        if (ran) {
          if (lockError !== undefined) throw lockError;
          return result as TokenSet;
        }
        // the lock itself failed (unwritable folder...): renew without it rather than fail
        this.warn(
          `could not lock the token store (${lockError instanceof Error ? lockError.message : String(lockError)}); renewing without the lock`,
        );
        return run();
      })();
    }
    return run();
  }
}

/** Seconds → absolute expiry; falls back to the JWT `exp` claim. */
export function expiryOf(obtainedAt: number, expiresIn: number | undefined, jwtExp: number | undefined): number | undefined {
  if (typeof expiresIn === "number" && Number.isFinite(expiresIn)) return obtainedAt + expiresIn * 1000;
  if (jwtExp !== undefined) return jwtExp * 1000;
  return undefined;
}
