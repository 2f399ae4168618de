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
 * winner broadcasts the new tokens on a BroadcastChannel and every tab adopts them.
 *
 * The broadcast carries the tokens themselves: a browser copies a
 * `localStorage` write to the other tabs' processes asynchronously (seen in
 * Chromium), so a tab told "new tokens" could still read the old ones from
 * storage. `get` returns the newer of what storage holds and what was heard.
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
  /** The latest tokens other tabs broadcast, by key, which this tab's storage may not show yet. */
  readonly #heard = new Map<string, TokenSet>();
  readonly #onMessage: ((event: { data: unknown }) => void) | undefined;

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
    if (this.#channel) {
      this.#onMessage = (event) => this.#receive(event.data);
      this.#channel.addEventListener("message", this.#onMessage);
    }
  }

  #itemKey(key: string): string {
    return `${this.#prefix}:${key}`;
  }

  #stored(key: string): TokenSet | undefined {
    const raw = this.#storage.getItem(this.#itemKey(key));
    if (raw === null) return undefined;
    try {
      return parseTokenSet(JSON.parse(raw));
    } catch {
      return undefined;
    }
  }

  async get(key: string): Promise<TokenSet | undefined> {
    const stored = this.#stored(key);
    const heard = this.#heard.get(key);
    if (!heard) return stored;
    return stored && stored.obtainedAt >= heard.obtainedAt ? stored : heard;
  }

  async set(key: string, tokens: TokenSet): Promise<void> {
    const existing = await this.get(key);
    if (existing && existing.obtainedAt > tokens.obtainedAt) return;
    this.#storage.setItem(this.#itemKey(key), JSON.stringify(tokens));
    this.#channel?.postMessage({ type: "tokens", key, tokens });
  }

  async delete(key: string): Promise<void> {
    this.#storage.removeItem(this.#itemKey(key));
    this.#heard.delete(key);
    this.#channel?.postMessage({ type: "tokens", key, tokens: null });
  }

  lock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    if (!this.#locks) return fn();
    return this.#locks.request(`${this.#prefix}:lock:${key}`, fn);
  }

  /** A message from another tab: remember the tokens it carries (or forget them) and tell the listeners. */
  #receive(data: unknown): void {
    const message = data as { type?: unknown; key?: unknown; tokens?: unknown } | null;
    if (message?.type !== "tokens" || typeof message.key !== "string") return;
    const key = message.key;
    const tokens = message.tokens === null ? undefined : parseTokenSet(message.tokens);
    if (message.tokens === null) this.#heard.delete(key);
    else if (tokens) {
      const known = this.#heard.get(key);
      if (!known || tokens.obtainedAt >= known.obtainedAt) this.#heard.set(key, tokens);
    }
    const listeners = this.#listeners.get(key);
    if (!listeners?.size) return;
    void this.get(key).then((current) => {
      for (const listener of listeners) listener(current);
    });
  }

  subscribe(key: string, listener: (tokens: TokenSet | undefined) => void): () => void {
    let set = this.#listeners.get(key);
    if (!set) {
      set = new Set();
      this.#listeners.set(key, set);
    }
    set.add(listener);
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
