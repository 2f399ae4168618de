import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BrowserTokenStore, type LockManagerLike, refreshTokenGrant, type StorageLike, type TokenSet } from "../src/index.js";
import { DEVICE_CLIENT, type OidcTestServer, signedInRefreshToken, startOidcServer } from "./helpers/oidc-server.js";

/** localStorage shared by the tabs of one origin. */
class SharedStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** navigator.locks shared by the tabs: exclusive locks granted in request order. */
class SharedLocks implements LockManagerLike {
  readonly #tails = new Map<string, Promise<unknown>>();
  granted = 0;
  request<T>(name: string, callback: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(name) ?? Promise.resolve();
    const result = previous.then(
      () => {
        this.granted++;
        return callback();
      },
      () => {
        this.granted++;
        return callback();
      },
    );
    this.#tails.set(
      name,
      result.catch(() => undefined),
    );
    return result;
  }
}

let op: OidcTestServer;
let seedRefreshToken: string;
let channelName: string;
let run = 0;

beforeAll(async () => {
  op = await startOidcServer();
});
afterAll(async () => {
  await op.close();
});
beforeEach(async () => {
  run++;
  channelName = `sciclients-test-${run}`;
  seedRefreshToken = await signedInRefreshToken(op);
});

function tab(storage: SharedStorage, locks: SharedLocks) {
  const store = new BrowserTokenStore({ storage, locks, prefix: channelName });
  const provider = refreshTokenGrant({
    issuer: op.issuer,
    clientId: DEVICE_CLIENT,
    refreshToken: "not-used-when-the-store-has-tokens",
    allowInsecureHttp: true,
    store,
    storeKey: "iceprod",
  });
  return { store, provider };
}

describe("BrowserTokenStore: tabs share tokens through storage, Web Locks and BroadcastChannel", () => {
  it("two tabs with an expired token: the refresh token is used once, both tabs end with the same new tokens", async () => {
    const storage = new SharedStorage();
    const locks = new SharedLocks();
    const a = tab(storage, locks);
    const b = tab(storage, locks);
    const expired: TokenSet = { accessToken: "expired-at", refreshToken: seedRefreshToken, obtainedAt: 1, expiresAt: 2 };
    await a.store.set("iceprod", expired);

    const [ta, tb] = await Promise.all([a.provider.getTokens(), b.provider.getTokens()]);
    // the rotated refresh token was used exactly once (reusing it would have revoked the whole grant)
    expect(op.tokenRequests.refresh_token).toBe(1);
    expect(ta.accessToken).toBe(tb.accessToken);
    expect(ta.refreshToken).not.toBe(seedRefreshToken);
    expect(locks.granted).toBeGreaterThanOrEqual(2);
    const stored = await a.store.get("iceprod");
    expect(stored?.refreshToken).toBe(ta.refreshToken);
    expect(await op.isValidAccessToken(ta.accessToken)).toBe(true);
    a.provider.dispose();
    b.provider.dispose();
    a.store.close();
    b.store.close();
  });

  it("a renewal in one tab is broadcast and adopted by the other without a token request", async () => {
    const storage = new SharedStorage();
    const locks = new SharedLocks();
    const a = tab(storage, locks);
    const b = tab(storage, locks);
    await a.store.set("iceprod", { accessToken: "expired-at", refreshToken: seedRefreshToken, obtainedAt: 1, expiresAt: 2 });
    const first = await b.provider.getTokens();
    expect(op.tokenRequests.refresh_token).toBe(1);

    // tab B hears about tab A's next renewal
    const heard = new Promise<TokenSet | undefined>((resolve) => b.store.subscribe("iceprod", resolve));
    const renewed = await a.provider.getTokens({ forceRenewal: true });
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect((await heard)?.accessToken).toBe(renewed.accessToken);
    expect(op.tokenRequests.refresh_token).toBe(2);
    expect((await b.provider.getAuthHeaders()).Authorization).toBe(`Bearer ${renewed.accessToken}`);
    expect(op.tokenRequests.refresh_token).toBe(2);
    a.provider.dispose();
    b.provider.dispose();
    a.store.close();
    b.store.close();
  });

  it("a tab whose copy of localStorage lags behind still gets the tokens another tab broadcast", async () => {
    // Browsers copy localStorage writes to other tabs asynchronously: here tab B's copy never catches up.
    const locks = new SharedLocks();
    const [storageA, storageB] = [new SharedStorage(), new SharedStorage()];
    const a = new BrowserTokenStore({ storage: storageA, locks, prefix: channelName });
    const b = new BrowserTokenStore({ storage: storageB, locks, prefix: channelName });
    const old: TokenSet = { accessToken: "old-at", refreshToken: "old-rt", obtainedAt: 1_000, expiresAt: 10_000 };
    storageB.setItem(`${channelName}:iceprod`, JSON.stringify(old));

    const heard = new Promise<TokenSet | undefined>((resolve) => b.subscribe("iceprod", resolve));
    const fresh: TokenSet = { accessToken: "new-at", refreshToken: "new-rt", obtainedAt: 2_000, expiresAt: 20_000 };
    await a.set("iceprod", fresh);
    expect(await heard).toEqual(fresh);
    expect(await b.get("iceprod")).toEqual(fresh);
    // An older write cannot replace what was heard; a sign-out broadcast forgets it (B sees its storage again).
    await b.set("iceprod", old);
    expect(await b.get("iceprod")).toEqual(fresh);
    const cleared = new Promise<TokenSet | undefined>((resolve) => b.subscribe("iceprod", resolve));
    await a.delete("iceprod");
    await cleared;
    expect(await b.get("iceprod")).toEqual(old);
    a.close();
    b.close();
  });

  it("ignores storage values that are not token sets", async () => {
    const storage = new SharedStorage();
    storage.setItem(`${channelName}:x`, "{oops");
    const store = new BrowserTokenStore({ storage, locks: new SharedLocks(), prefix: channelName });
    expect(await store.get("x")).toBeUndefined();
    store.close();
  });
});
