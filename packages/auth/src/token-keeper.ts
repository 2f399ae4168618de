// What a TokenProvider keeps and does once tokens are asked for: the current
// tokens, one token request for any number of callers, the store (read, kept
// in step with other tabs and processes, written, locked), renewal with the
// refresh token and the provider's own sign-in. Loaded by token-provider.ts
// on the first token request. It imports types and modules only lazy
// modules import: what it uses of the rest of the package is lent (`lend`),
// since a module the entries reach too would be split out of this chunk into
// an app's first one (esbuild splits by module).
import { headersCarry } from "./refused-headers.js";
import type { TokenSet, TokenStore } from "./store.js";
import type { KeeperKit } from "./token-provider.js";
import type { GetAuthHeadersOptions } from "./types.js";

let kit: KeeperKit;
/** Called once by the loader, before anything else here. */
export function lend(given: KeeperKit): void {
  kit = given;
}

/** The provider whose tokens are kept, as token-provider.ts lends it. */
export interface KeeperHost {
  kind: string;
  store: TokenStore | undefined;
  storeKey: () => string;
  warn: (message: string) => void;
  isFresh: (tokens: TokenSet) => boolean;
  refresh: ((refreshToken: string) => Promise<TokenSet>) | undefined;
  signIn: () => Promise<TokenSet>;
}

/** Waits for a shared promise, but lets one caller stop waiting through its own signal. */
function withSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined, provider?: string): Promise<T> {
  if (!signal) return promise;
  const { AuthError } = kit;
  if (signal.aborted) {
    return Promise.reject(new AuthError("The request for credentials was aborted", { code: "aborted", provider }));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AuthError("The request for credentials was aborted", { code: "aborted", provider }));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** The tokens of one provider. */
export class TokenKeeper {
  readonly #host: KeeperHost;
  #current: TokenSet | undefined;
  #loading: Promise<void> | undefined;
  #inflight: Promise<TokenSet> | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(host: KeeperHost) {
    this.#host = host;
  }

  /** The current tokens (what the provider's `secrets()` names). */
  get current(): TokenSet | undefined {
    return this.#current;
  }

  /** The current tokens, renewed first when they are about to expire or were refused. */
  async getTokens(options: GetAuthHeadersOptions = {}): Promise<TokenSet> {
    await withSignal(this.#load(), options.signal, this.#host.kind);
    if (this.#inflight) return withSignal(this.#inflight, options.signal, this.#host.kind);
    const current = this.#current;
    const refused =
      current !== undefined &&
      options.forceRenewal === true &&
      (options.refusedHeaders === undefined || headersCarry(options.refusedHeaders, current.accessToken));
    if (current && !refused && this.#host.isFresh(current)) return current;
    const flight = this.#renew(refused ? current?.accessToken : undefined);
    this.#inflight = flight;
    flight.then(
      () => this.#clearFlight(flight),
      () => this.#clearFlight(flight),
    );
    return withSignal(flight, options.signal, this.#host.kind);
  }

  #clearFlight(flight: Promise<TokenSet>): void {
    if (this.#inflight === flight) this.#inflight = undefined;
  }

  /** Sign-out: forgets the tokens here and in the store. */
  async invalidate(): Promise<void> {
    this.#current = undefined;
    await this.#storeCall("delete", () => this.#host.store?.delete(this.#host.storeKey()));
  }

  /** Stops listening to the store's change notifications. */
  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #load(): Promise<void> {
    if (!this.#loading) {
      this.#loading = (async () => {
        if (!this.#host.store) return;
        const stored = await this.#read();
        if (stored && !this.#current) this.#current = stored;
        this.#unsubscribe = this.#host.store.subscribe?.(this.#host.storeKey(), (tokens) => this.#adopt(tokens));
      })();
    }
    return this.#loading;
  }

  #adopt(tokens: TokenSet | undefined): void {
    if (tokens && (!this.#current || tokens.obtainedAt >= this.#current.obtainedAt)) this.#current = tokens;
  }

  async #read(): Promise<TokenSet | undefined> {
    if (!this.#host.store) return undefined;
    let value: TokenSet | undefined;
    await this.#storeCall("read", async () => {
      value = await this.#host.store?.get(this.#host.storeKey());
    });
    return value;
  }

  async #storeCall(what: string, fn: () => Promise<unknown> | undefined): Promise<void> {
    try {
      await fn();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#host.warn(`could not ${what} the token store (${reason}); continuing without it`);
    }
  }

  #renew(refusedAccessToken: string | undefined): Promise<TokenSet> {
    const run = async (): Promise<TokenSet> => {
      // Another tab, process or provider sharing the store may have renewed already: adopt its tokens.
      const stored = await this.#read();
      if (stored && stored.accessToken !== refusedAccessToken && this.#host.isFresh(stored)) {
        this.#current = stored;
        return stored;
      }
      const base = stored && (!this.#current || stored.obtainedAt >= this.#current.obtainedAt) ? stored : this.#current;
      let next: TokenSet | undefined;
      const refresh = this.#host.refresh;
      if (base?.refreshToken && refresh) {
        try {
          next = await refresh(base.refreshToken);
          if (!next.refreshToken) next.refreshToken = base.refreshToken;
        } catch (error) {
          if (!kit.isInvalidGrant(error)) throw error;
          // The refresh token is spent or revoked: forget it, then sign in again through this provider's own flow.
          this.#current = undefined;
          await this.#storeCall("clear", () => this.#host.store?.delete(this.#host.storeKey()));
        }
      }
      if (!next) next = await this.#host.signIn();
      this.#current = next;
      await this.#storeCall("write", () => this.#host.store?.set(this.#host.storeKey(), next));
      return next;
    };
    const store = this.#host.store;
    if (store?.lock) {
      return (async () => {
        let result: TokenSet | undefined;
        let lockError: unknown;
        let ran = false;
        try {
          result = await store.lock?.(this.#host.storeKey(), async () => {
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
        this.#host.warn(
          `could not lock the token store (${lockError instanceof Error ? lockError.message : String(lockError)}); renewing without the lock`,
        );
        return run();
      })();
    }
    return run();
  }
}
