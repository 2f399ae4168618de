// The example app end to end: build it with Vite, serve dist/ on loopback,
// open it in headless Chromium, and use it as a person would. Its API requests
// are answered by MSW's service worker with the packages' mocks, each mocked
// deployment with its own fixtures (src/mocks/fixtures.ts).
//
// EXAMPLE_APP_SCREENSHOT=<file.png> also saves a screenshot of the page at the end.
import { rm } from "node:fs/promises";
import path from "node:path";
import { launchChromium } from "@sciclients/test-utils/chromium";
import type { Browser, Locator, Page } from "playwright-core";
import { build, type PreviewServer, preview } from "vite";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MOCK_CONFIG } from "../src/config.js";
import { DATA_MANAGER_PROJECTS, DSERVER_DATASETS, DSS_PROJECTS, ORGANISATIONS } from "../src/mocks/fixtures.js";

const root = path.resolve(import.meta.dirname, "..");
const configFile = path.join(root, "vite.config.ts");

let server: PreviewServer;
let browser: Browser;
let page: Page;
/** Console errors, uncaught exceptions and failed requests of the page since the last test. */
let problems: string[] = [];
/** Every request the page sent to a mocked API, as "METHOD url". */
const apiRequests: string[] = [];

const [siteA, siteB] = MOCK_CONFIG.dataManager;

beforeAll(async () => {
  // The mocked production build, whatever the caller's environment says (vitest sets NODE_ENV=test,
  // which would make Vite bundle React's development build).
  delete process.env.VITE_SCICLIENTS_LIVE;
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  await rm(path.join(root, "dist"), { recursive: true, force: true });
  await build({ root, configFile, logLevel: "warn" }).finally(() => {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  });
  server = await preview({ root, configFile, logLevel: "warn", preview: { host: "127.0.0.1", port: 0, strictPort: true, open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("vite preview reported no local URL");

  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`));
  page.on("request", (request) => {
    if (request.url().includes(".example")) apiRequests.push(`${request.method()} ${request.url()}`);
  });
  await page.goto(url);
});

afterEach(() => {
  const seen = problems;
  problems = [];
  expect(seen, "the page logged errors").toEqual([]);
});

afterAll(async () => {
  const screenshot = process.env.EXAMPLE_APP_SCREENSHOT;
  if (screenshot && page) await page.screenshot({ path: path.resolve(root, screenshot), fullPage: true });
  await browser?.close();
  await server?.close();
});

const panel = (label: string) => page.getByRole("region", { name: label, exact: true });
const items = (list: Locator) => list.getByRole("listitem");
/** How long a list may take to show on a busy machine (expect.poll's default is 1 s). */
const SETTLE = { timeout: 15_000 };
const names = <T>(entries: T[], name: (entry: T) => string) => entries.map(name);

/** The text of every item of a list, once it has `count` of them. */
async function listTexts(list: Locator, count: number): Promise<string[]> {
  await expect.poll(() => items(list).count(), SETTLE).toBe(count);
  return items(list).allInnerTexts();
}

describe("the example app in Chromium, mocked by MSW", () => {
  it("shows each Data Manager deployment's own projects, side by side", async () => {
    const a = await listTexts(panel(siteA.label).getByRole("list", { name: "Projects" }), DATA_MANAGER_PROJECTS.a.length);
    const b = await listTexts(panel(siteB.label).getByRole("list", { name: "Projects" }), DATA_MANAGER_PROJECTS.b.length);
    expect(a).toEqual(DATA_MANAGER_PROJECTS.a.map((p) => `${p.name} by ${p.creator}`));
    expect(b).toEqual(DATA_MANAGER_PROJECTS.b.map((p) => `${p.name} by ${p.creator}`));
    // Each list came from its own server.
    expect(apiRequests).toContain(`GET ${siteA.baseURL}/project`);
    expect(apiRequests).toContain(`GET ${siteB.baseURL}/project`);
  });

  it("shows the Account Server's organisations and the DSS projects", async () => {
    const organisations = await listTexts(panel(MOCK_CONFIG.accountServer.label).getByRole("list"), ORGANISATIONS.length);
    expect(organisations).toEqual(names(ORGANISATIONS, (o) => o.name));
    const projects = await listTexts(panel(MOCK_CONFIG.dss.label).getByRole("list"), DSS_PROJECTS.length);
    expect(projects).toEqual(names(DSS_PROJECTS, (p) => `${p.name} ${p.projectKey}`));
  });

  it("creating a project refreshes that deployment's list, and only that one's data changes", async () => {
    const a = panel(siteA.label);
    await a.getByRole("textbox", { name: "Project name" }).fill("Created in the test");
    const requestsBefore = apiRequests.length;
    await a.getByRole("button", { name: "Create project" }).click();

    const after = await listTexts(a.getByRole("list", { name: "Projects" }), DATA_MANAGER_PROJECTS.a.length + 1);
    expect(after.at(-1)).toBe("Created in the test by you");
    const sent = apiRequests.slice(requestsBefore);
    expect(sent).toContain(`POST ${siteA.baseURL}/project`);
    // The list's new entry came from a new GET after the POST, not from the form.
    expect(sent.indexOf(`GET ${siteA.baseURL}/project`)).toBeGreaterThan(sent.indexOf(`POST ${siteA.baseURL}/project`));
    await expect.poll(() => a.getByRole("textbox", { name: "Project name" }).inputValue(), SETTLE).toBe("");

    const b = await listTexts(panel(siteB.label).getByRole("list", { name: "Projects" }), DATA_MANAGER_PROJECTS.b.length);
    expect(b).not.toContain("Created in the test by you");
    // The invalidation stayed within site A's queries: site B's list was not fetched again.
    expect(apiRequests.slice(requestsBefore).filter((request) => request.includes(siteB.baseURL))).toEqual([]);
  });

  it("the dserver list loads the next page on each click until the last", async () => {
    const datasets = panel(MOCK_CONFIG.dserver.label);
    const list = datasets.getByRole("list", { name: "Datasets" });
    const more = datasets.getByRole("button", { name: "Load more" });
    const shown = (n: number) => DSERVER_DATASETS.slice(0, n).map((d) => `${d.name} ${d.creator_username}`);

    expect(await listTexts(list, 5)).toEqual(shown(5));
    await more.click();
    expect(await listTexts(list, 10)).toEqual(shown(10));
    await more.click();
    expect(await listTexts(list, DSERVER_DATASETS.length)).toEqual(shown(DSERVER_DATASETS.length));
    await expect.poll(() => more.count(), SETTLE).toBe(0);
    // One request per page, each asking for the page after the last one shown.
    const pages = apiRequests
      .filter((request) => request.startsWith(`GET ${MOCK_CONFIG.dserver.baseURL}/uris?`))
      .map((request) => new URL(request.slice("GET ".length)).searchParams)
      .map((params) => `${params.get("page")}/${params.get("page_size")}`);
    expect(pages).toEqual(["1/5", "2/5", "3/5"]);
  });
});
