import { AuthError } from "./errors.js";
import type { TokenSet, TokenStore } from "./store.js";
import type { TokenKeeper } from "./token-keeper.js";
import type { AuthProvider, GetAuthHeadersOptions } from "./types.js";

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

/** What token-keeper.ts uses of the rest of the package, lent rather than imported (see there). */
const kit = { AuthError, isInvalidGrant };
export type KeeperKit = typeof kit;

/**
 * What keeps and renews the tokens (single flight, the store, the refresh
 * token, the sign-in) loads on the first token request of any provider, so
 * that an app's first chunk holds only the providers' settings and checks.
 */
let keeperModule: Promise<typeof import("./token-keeper.js")> | undefined;
function loadKeeperModule(provider: string): Promise<typeof import("./token-keeper.js")> {
  keeperModule ??= import("./token-keeper.js").then(
    (module) => {
      module.lend(kit);
      return module;
    },
    (error: unknown) => {
      keeperModule = undefined;
      throw new AuthError("Could not load the code that keeps and renews tokens (a chunk of the app did not load)", {
        code: "configuration",
        provider,
        cause: error,
      });
    },
  );
  return keeperModule;
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
  /** The keeper of this provider's tokens (token-keeper.ts), once loaded. */
  #keeper: TokenKeeper | undefined;
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
    const current = this.#keeper?.current;
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
    return (this.#keeper ?? (await this.#loadKeeper())).getTokens(options);
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
    await (this.#keeper ?? (await this.#loadKeeper())).invalidate();
  }

  /** Stops listening to the store's change notifications. */
  dispose(): void {
    this.#keeper?.dispose();
  }

  async #loadKeeper(): Promise<TokenKeeper> {
    const keeper = await loadKeeperModule(this.kind);
    this.#keeper ??= new keeper.TokenKeeper({
      kind: this.kind,
      store: this.store,
      storeKey: () => this.storeKey,
      warn: this.warn,
      isFresh: (tokens) => this.isFresh(tokens),
      refresh: this.refresh && ((refreshToken) => (this.refresh as (token: string) => Promise<TokenSet>)(refreshToken)),
      signIn: () => this.signIn(),
    });
    return this.#keeper;
  }
}

/** Seconds → absolute expiry; falls back to the JWT `exp` claim. */
export function expiryOf(obtainedAt: number, expiresIn: number | undefined, jwtExp: number | undefined): number | undefined {
  if (typeof expiresIn === "number" && Number.isFinite(expiresIn)) return obtainedAt + expiresIn * 1000;
  if (jwtExp !== undefined) return jwtExp * 1000;
  return undefined;
}
