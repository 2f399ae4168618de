import { parseTokenSet, type TokenSet, type TokenStore } from "./store.js";

/** The part of `navigator.locks` (Web Locks API) this store uses. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** The part of `localStorage` this store uses. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The part of `BroadcastChannel` this store uses. */
export interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  close(): void;
}

export interface BrowserTokenStoreOptions {
  /** Default `globalThis.localStorage` (shared by the tabs of an origin). */
  storage?: StorageLike;
  /** Default `globalThis.navigator.locks`. */
  locks?: LockManagerLike;
  /** Default `(name) => new BroadcastChannel(name)`. */
  channel?: (name: string) => BroadcastChannelLike;
  /** Prefix of storage keys, lock names and the channel name (default `sciclients-auth`). */
  prefix?: string;
}

/**
 * Tokens in storage shared by the tabs of an origin. Renewals run under a
 * Web Lock, so a rotating refresh token is used by exactly one tab; the
 * winner broadcasts on a BroadcastChannel and every tab adopts the new tokens.
 *
 * Anything in `localStorage` is readable by scripts on the page: use this
 * store only where that is acceptable (or pass a `storage` of your own).
 */
export class BrowserTokenStore implements TokenStore {
  readonly #storage: StorageLike;
  readonly #locks: LockManagerLike | undefined;
  readonly #channel: BroadcastChannelLike | undefined;
  readonly #prefix: string;
  readonly #listeners = new Map<string, Set<(tokens: TokenSet | undefined) => void>>();
  #onMessage: ((event: { data: unknown }) => void) | undefined;

  constructor(options: BrowserTokenStoreOptions = {}) {
    const g = globalThis as {
      localStorage?: StorageLike;
      navigator?: { locks?: LockManagerLike };
      BroadcastChannel?: new (name: string) => BroadcastChannelLike;
    };
    const storage = options.storage ?? g.localStorage;
    if (!storage) throw new TypeError("BrowserTokenStore needs localStorage or a `storage` option");
    this.#storage = storage;
    this.#locks = options.locks ?? g.navigator?.locks;
    this.#prefix = options.prefix ?? "sciclients-auth";
    const makeChannel =
      options.channel ??
      (g.BroadcastChannel ? (name: string) => new (g.BroadcastChannel as new (n: string) => BroadcastChannelLike)(name) : undefined);
    this.#channel = makeChannel?.(this.#prefix);
  }

  #itemKey(key: string): string {
    return `${this.#prefix}:${key}`;
  }

  async get(key: string): Promise<TokenSet | undefined> {
    const raw = this.#storage.getItem(this.#itemKey(key));
    if (raw === null) return undefined;
    try {
      return parseTokenSet(JSON.parse(raw));
    } catch {
      return undefined;
    }
  }

  async set(key: string, tokens: TokenSet): Promise<void> {
    const existing = await this.get(key);
    if (existing && existing.obtainedAt > tokens.obtainedAt) return;
    this.#storage.setItem(this.#itemKey(key), JSON.stringify(tokens));
    // the message names the key only; other tabs read the tokens from storage
    this.#channel?.postMessage({ type: "tokens", key });
  }

  async delete(key: string): Promise<void> {
    this.#storage.removeItem(this.#itemKey(key));
    this.#channel?.postMessage({ type: "tokens", key });
  }

  lock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    if (!this.#locks) return fn();
    return this.#locks.request(`${this.#prefix}:lock:${key}`, fn);
  }

  subscribe(key: string, listener: (tokens: TokenSet | undefined) => void): () => void {
    let set = this.#listeners.get(key);
    if (!set) {
      set = new Set();
      this.#listeners.set(key, set);
    }
    set.add(listener);
    if (this.#channel && !this.#onMessage) {
      this.#onMessage = (event) => {
        const data = event.data as { type?: unknown; key?: unknown } | null;
        if (data?.type !== "tokens" || typeof data.key !== "string") return;
        const listeners = this.#listeners.get(data.key);
        if (!listeners?.size) return;
        void this.get(data.key).then((tokens) => {
          for (const l of listeners) l(tokens);
        });
      };
      this.#channel.addEventListener("message", this.#onMessage);
    }
    return () => {
      set.delete(listener);
    };
  }

  /** Stops listening to other tabs. */
  close(): void {
    if (this.#onMessage) this.#channel?.removeEventListener("message", this.#onMessage);
    this.#channel?.close();
  }
}
