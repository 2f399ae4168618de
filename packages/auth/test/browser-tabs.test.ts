// BrowserTokenStore in a real browser: two tabs of one origin in headless
// Chromium share tokens through the page's own localStorage, Web Locks and
// BroadcastChannel, against the oidc-provider test server (which also serves the
// tabs' page, so no CORS is involved). The Node test of the same behaviour
// (browser-store.test.ts) stands in those APIs with fakes; this one does not.
//
// Chromium comes from the system (@sciclients/test-utils/chromium says where it looks).
import path from "node:path";
import { launchChromium } from "@sciclients/test-utils/chromium";
import { build } from "esbuild";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TokenSet } from "../src/index.js";
import { DEVICE_CLIENT, type OidcTestServer, signedInRefreshToken, startOidcServer } from "./helpers/oidc-server.js";

/** What the tab script (test/browser/tab.ts) puts on the page. */
type Tab = {
  hasWebLocks(): boolean;
  seed(tokens: TokenSet): Promise<void>;
  getTokens(forceRenewal?: boolean): Promise<{ accessToken: string; refreshToken?: string }>;
  authorization(): Promise<string | undefined>;
  listen(): void;
  heard(): Promise<string | undefined> | undefined;
};
declare const tab: Tab;

let op: OidcTestServer;
let browser: Browser;
let context: BrowserContext;
let seedRefreshToken: string;
let run = 0;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [path.join(import.meta.dirname, "browser/tab.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["@sciclients/source"],
    // Split as an app's bundler splits it: the token keeper, the grants and openid-client come from chunks loaded on first use.
    splitting: true,
    outdir: "out",
    write: false,
    logLevel: "silent",
  });
  const chunks = Object.fromEntries(
    bundle.outputFiles.map((file) => [`/${path.basename(file.path)}`, { contentType: "text/javascript", body: file.text }]),
  );
  expect(Object.keys(chunks).length, "lazy chunks").toBeGreaterThan(1);
  op = await startOidcServer({
    "/tab.html": { contentType: "text/html", body: '<!doctype html><meta charset="utf-8"><script type="module" src="/tab.js"></script>' },
    ...chunks,
  });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await op?.close();
});

beforeEach(async () => {
  run++;
  // A fresh browser context per test: its own localStorage; one seeded refresh token from a device sign-in.
  await context?.close();
  context = await browser.newContext();
  seedRefreshToken = await signedInRefreshToken(op);
});

/** A tab of the issuer's origin with the tab script loaded. */
async function openTab(): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (error) => {
    throw error;
  });
  await page.goto(`${op.issuer}/tab.html?client=${DEVICE_CLIENT}&prefix=run-${run}`);
  await page.waitForFunction(() => document.title === "ready");
  return page;
}

describe("BrowserTokenStore in Chromium: two tabs of one origin", () => {
  it("with an expired token in storage, both tabs renew at once and the rotating refresh token is used once", async () => {
    const [a, b] = [await openTab(), await openTab()];
    expect(await a.evaluate(() => tab.hasWebLocks())).toBe(true);
    const expired: TokenSet = { accessToken: "expired-at", refreshToken: seedRefreshToken, obtainedAt: 1, expiresAt: 2 };
    await a.evaluate((tokens) => tab.seed(tokens), expired);

    const [ta, tb] = await Promise.all([a.evaluate(() => tab.getTokens()), b.evaluate(() => tab.getTokens())]);
    // Reusing a rotated refresh token would have revoked the grant: one tab renewed, the other read its result.
    expect(op.tokenRequests.refresh_token).toBe(1);
    expect(ta.accessToken).toBe(tb.accessToken);
    expect(ta.refreshToken).not.toBe(seedRefreshToken);
    expect(await op.isValidAccessToken(ta.accessToken)).toBe(true);
    // Both tabs see the same stored tokens in the origin's localStorage.
    const stored = await b.evaluate((key) => localStorage.getItem(key), `run-${run}:iceprod`);
    expect(JSON.parse(stored ?? "{}").refreshToken).toBe(ta.refreshToken);
  }, 60_000);

  it("a renewal in one tab reaches the other over BroadcastChannel, which then sends it without a token request", async () => {
    const [a, b] = [await openTab(), await openTab()];
    await a.evaluate((tokens) => tab.seed(tokens), {
      accessToken: "expired-at",
      refreshToken: seedRefreshToken,
      obtainedAt: 1,
      expiresAt: 2,
    });
    const first = await b.evaluate(() => tab.getTokens());
    expect(op.tokenRequests.refresh_token).toBe(1);

    await b.evaluate(() => tab.listen());
    const renewed = await a.evaluate(() => tab.getTokens(true));
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect(await b.evaluate(() => tab.heard())).toBe(renewed.accessToken);
    expect(await b.evaluate(() => tab.authorization())).toBe(`Bearer ${renewed.accessToken}`);
    expect(op.tokenRequests.refresh_token).toBe(2);
  }, 60_000);
});
