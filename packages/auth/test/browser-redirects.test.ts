// Credentials stay with their origin in a real browser. There axios sends with
// XMLHttpRequest, which follows redirects on its own and sends every header on
// to wherever they lead (it drops only Authorization when the redirect leaves
// the origin). A page in headless Chromium, served by origin A, sends each
// provider's credentials to A's /api; A answers with a redirect to origin B (a
// second loopback port), which records every request it receives and allows
// any CORS request, as a foreign server would. B must never see a credential.
//
// Chromium comes from the system (@sciclients/test-utils/chromium says where it looks).
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { launchChromium } from "@sciclients/test-utils/chromium";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Outcome } from "./browser/redirect-page.js";

declare const probe: (provider: string, status: number, method: "GET" | "POST") => Promise<Outcome>;
declare const refusal: (token: string) => Promise<Outcome>;
declare const providerNames: string[];

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** The secrets the page's providers carry (see browser/redirect-page.ts), in every form they are sent. */
const SECRETS = [
  "browser-static-secret-1",
  "browser-static-secret-2",
  "browser-key-basic-secret",
  btoa("browser-key-basic-secret:"),
  "browser-key-header-secret",
  "browser-dss-header-secret",
];
/** The headers the providers set. */
const CREDENTIAL_HEADERS = ["authorization", "x-auth-token", "x-api-key", "x-dku-apikey"];
const STATUSES = [301, 302, 303, 307, 308];

async function listen(handler: (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void) {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())), server };
}

let a: Awaited<ReturnType<typeof listen>>;
let b: Awaited<ReturnType<typeof listen>>;
const seenByB: Seen[] = [];
/** The Authorization headers /api/refuse received. */
const refused: (string | undefined)[] = [];
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [path.join(import.meta.dirname, "browser/redirect-page.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["@sciclients/source"],
    // Split as an app's bundler splits it: the pipeline and the failures' code come from chunks loaded on first use.
    splitting: true,
    outdir: "out",
    write: false,
    logLevel: "silent",
  });
  const scripts = new Map(bundle.outputFiles.map((file) => [`/${path.basename(file.path)}`, file.text]));
  expect(scripts.size, "lazy chunks").toBeGreaterThan(1);
  b = await listen((req, res) => {
    seenByB.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    req.resume();
    const cors = {
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
      "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
    };
    if (req.method === "OPTIONS") res.writeHead(204, cors).end();
    else res.writeHead(200, { ...cors, "content-type": "application/json" }).end('{"landed":"B"}');
  });
  a = await listen((req, res) => {
    const url = new URL(req.url ?? "/", a.origin);
    req.resume();
    if (url.pathname === "/page.html") {
      res
        .writeHead(200, { "content-type": "text/html" })
        .end('<!doctype html><meta charset="utf-8"><script type="module" src="/redirect-page.js"></script>');
    } else if (scripts.has(url.pathname)) {
      res.writeHead(200, { "content-type": "text/javascript" }).end(scripts.get(url.pathname));
    } else if (url.pathname === "/api/refuse") {
      refused.push(req.headers.authorization);
      res.writeHead(401, { "content-type": "application/json" }).end('{"error":"token refused"}');
    } else if (url.pathname === "/api/go") {
      const status = Number(url.searchParams.get("status"));
      const provider = url.searchParams.get("provider") ?? "";
      res.writeHead(status, { location: `${b.origin}/landing?provider=${encodeURIComponent(provider)}`, "content-type": "text/html" });
      res.end("<html>moved</html>");
    } else {
      res.writeHead(404).end();
    }
  });
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.on("pageerror", (error) => {
    throw error;
  });
  await page.goto(`${a.origin}/page.html`);
  await page.waitForFunction(() => document.title === "ready");
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([a?.close(), b?.close()]);
});

/** What B saw that carries a credential: a provider's header, or a secret in any header or the URL. */
function leaks(seen: Seen[]): string[] {
  return seen.flatMap((request) => {
    const found: string[] = [];
    for (const [name, value] of Object.entries(request.headers)) {
      const text = String(value);
      if (CREDENTIAL_HEADERS.includes(name)) found.push(`${request.method} ${request.url}: header ${name}`);
      else if (SECRETS.some((secret) => text.includes(secret))) found.push(`${request.method} ${request.url}: a secret in ${name}`);
    }
    if (SECRETS.some((secret) => request.url.includes(secret))) found.push(`${request.method} ${request.url}: a secret in the URL`);
    return found;
  });
}

describe("redirects to another origin in Chromium (axios's browser adapters)", () => {
  it("the page has every provider and header scheme", async () => {
    expect(await page.evaluate(() => providerNames)).toEqual([
      "staticBearer (Authorization)",
      "staticBearer (X-Auth-Token)",
      "apiKey (basic)",
      "apiKey (X-Api-Key)",
      "dssApiKey (header)",
    ]);
  });

  for (const provider of [
    "staticBearer (Authorization)",
    "staticBearer (X-Auth-Token)",
    "apiKey (basic)",
    "apiKey (X-Api-Key)",
    "dssApiKey (header)",
  ]) {
    const authorization = provider === "staticBearer (Authorization)" || provider === "apiKey (basic)";
    it(`${provider}: for 301, 302, 303, 307 and 308, GET and POST with a body, B never receives the credential`, async () => {
      for (const status of STATUSES) {
        for (const method of ["GET", "POST"] as const) {
          seenByB.length = 0;
          const outcome = await page.evaluate(([p, s, m]) => probe(p, s, m), [provider, status, method] as const);
          const label = `${provider}, ${method}, ${status}`;
          expect(leaks(seenByB), label).toEqual([]);
          if (authorization) {
            // Chromium drops Authorization on a cross-origin redirect itself: the redirect is followed.
            expect(outcome, label).toEqual({ outcome: "answered", body: { landed: "B" } });
          } else {
            // Other headers it would send on: the redirect is refused, and the error says why.
            expect(outcome, label).toMatchObject({ outcome: "failed", name: "ApiError", code: "redirect_refused" });
            expect((outcome as { message: string }).message, label).toMatch(
              /^redirect-probe: (GET|POST) http:\/\/127\.0\.0\.1:\d+\/api\/go\?.* failed: the server answered with a redirect, which is not followed: .*credentials are never forwarded to another origin$/,
            );
            expect(seenByB, label).toEqual([]);
          }
        }
      }
    }, 60_000);
  }
});

describe("staticBearer's refusals in Chromium (described by a chunk loaded when one happens)", () => {
  it("a refused fixed token: AuthError unauthorized with the status, sent once; an empty token: no_credentials, nothing sent", async () => {
    const refusedToken = await page.evaluate(() => refusal("browser-refused-token"));
    expect(refusedToken).toMatchObject({ outcome: "failed", name: "AuthError", code: "unauthorized", status: 401 });
    expect((refusedToken as { message: string }).message).toBe(
      "The API refused the bearer token (HTTP 401), and a fixed token cannot be renewed",
    );
    expect(refused).toEqual(["Bearer browser-refused-token"]);
    const empty = await page.evaluate(() => refusal(""));
    expect(empty).toMatchObject({ outcome: "failed", name: "AuthError", code: "no_credentials" });
    expect((empty as { message: string }).message).toMatch(/^staticBearer was given an empty token: pass the access token/);
    expect(refused).toHaveLength(1);
  });
});
