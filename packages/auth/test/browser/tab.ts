// The script of one browser tab in the real-browser test (bundled by
// test/browser-tabs.test.ts and served from the OIDC test server's origin):
// a BrowserTokenStore over the page's real localStorage, navigator.locks and
// BroadcastChannel, and a refresh-token provider using it, driven from the test.
import { BrowserTokenStore, refreshTokenGrant, type TokenSet } from "../../src/index.js";

const query = new URLSearchParams(location.search);
const store = new BrowserTokenStore({ prefix: query.get("prefix") ?? "sciclients-auth" });
const provider = refreshTokenGrant({
  issuer: location.origin,
  clientId: query.get("client") ?? "",
  // Not used: the store already holds tokens when a test asks for them.
  refreshToken: "unused-when-the-store-has-tokens",
  allowInsecureHttp: true,
  store,
  storeKey: "iceprod",
});

let broadcast: Promise<string | undefined> | undefined;

const tab = {
  /** Whether the real Web Locks API is there (the store would fall back to no locking). */
  hasWebLocks: () => typeof navigator.locks?.request === "function",
  seed: (tokens: TokenSet) => store.set("iceprod", tokens),
  getTokens: async (forceRenewal = false) => {
    const tokens = await provider.getTokens({ forceRenewal });
    return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  },
  authorization: async () => (await provider.getAuthHeaders()).Authorization,
  /** Starts listening for the next tokens another tab broadcasts. */
  listen: () => {
    broadcast = new Promise((resolve) => {
      const stop = store.subscribe("iceprod", (tokens) => {
        stop();
        resolve(tokens?.accessToken);
      });
    });
  },
  heard: () => broadcast,
};

(globalThis as unknown as { tab: typeof tab }).tab = tab;
document.title = "ready";
