// The bin on a real terminal (a pseudo-terminal, see helpers/run-pty.ts):
// the hidden password prompt, the progress bar, tables, and Ctrl-C both as a
// keypress (the prompt holds the terminal in raw mode) and as the SIGINT the
// terminal sends otherwise. Every step waits for what the terminal shows, never
// for a fixed time, so a loaded machine only makes the tests slower.
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getAllMockHandlers } from "@sciclients/dss-client/mocks";
import { type OidcTestServer, PASSWORD_CLIENT, startOidcServer, USERS } from "@sciclients/test-utils/oidc-server";
import { HttpResponse, http } from "msw";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "./helpers/mock-server.js";
import { runBin } from "./helpers/run-bin.js";
import { killAllPtys, lines, runInPty, visible } from "./helpers/run-pty.js";

const REALM = "squonk";
/** The test OpenID server's password for alice: typed at the prompt, never shown. */
const ALICE = USERS.alice as string;
const DSS_KEY = "dss-key-never-printed";
/** Each test starts the bin once or twice; on a busy machine a start can take seconds. */
const SLOW = { timeout: 60_000 };

let oidc: OidcTestServer;
let server: MockServer;
let api = "";
let config = "";

beforeAll(async () => {
  oidc = await startOidcServer({}, { realm: REALM });
  server = await startMockServer((origin) => getAllMockHandlers({ baseURL: `${origin}/public/api` }));
  api = `${server.origin}/public/api`;
}, 60_000);
afterAll(async () => {
  await server.close();
  await oidc.close();
});
beforeEach(() => {
  server.reset();
  config = mkdtempSync(join(tmpdir(), "sciclients-terminal-"));
  return () => rmSync(config, { recursive: true, force: true });
});
afterEach(() => killAllPtys());

const squonkEnv = () => ({
  HOME: config,
  XDG_CONFIG_HOME: config,
  SQUONK2_DMAPI_URL: `${server.origin}/data-manager-api`,
  SQUONK2_KEYCLOAK_URL: oidc.keycloakUrl,
  SQUONK2_KEYCLOAK_REALM: REALM,
  SQUONK2_KEYCLOAK_CLIENT_ID: PASSWORD_CLIENT,
});
const dssEnv = () => ({ DSS_HOST: server.origin, DSS_API_KEY: DSS_KEY });
const tokenFile = () => join(config, "sciclients", "cli-tokens.json");
const signInsFile = () => join(config, "sciclients", "cli-sign-ins.json");

/** A long task that reports `copying` 1/4, 2/4, then has its result at 4/4. */
function copyingFuture(jobId: string) {
  let polls = 0;
  return http.get(`${api}/futures/${jobId}`, ({ request }) => {
    if (new URL(request.url).searchParams.get("peek") === "false")
      return HttpResponse.json({ jobId, hasResult: true, alive: false, result: { copied: 4 } });
    polls += 1;
    const done = polls >= 3;
    return HttpResponse.json({
      jobId,
      hasResult: done,
      alive: !done,
      progress: { states: [{ name: "copying", cur: done ? 4 : polls, target: 4 }] },
    });
  });
}

describe("sciclients login on a terminal", SLOW, () => {
  it("asks for the username and the password, does not echo the password, and saves the sign-in (0600)", async () => {
    const bin = runInPty(["login", "data-manager"], squonkEnv());
    await bin.waitFor("Squonk2 username: ");
    bin.type("alice\r");
    await bin.waitFor("Squonk2 password for alice");
    bin.type(`${ALICE}\r`);
    const { code, output } = await bin.exited;
    // Not with toContain: a failure must not print the output that would hold it.
    expect(output.includes(ALICE), "the password was shown on the terminal").toBe(false);
    expect(code, visible(output)).toBe(0);
    expect(visible(output)).toContain(`Signed in: data-manager: alice at ${server.origin}/data-manager-api`);
    expect(statSync(tokenFile()).mode & 0o777).toBe(0o600);
    expect(statSync(signInsFile()).mode & 0o777).toBe(0o600);
  });

  it("Ctrl-C at the password prompt (a keypress: the prompt holds the terminal raw) exits 130, one line, nothing saved", async () => {
    const bin = runInPty(["login", "data-manager", "--username", "alice"], squonkEnv());
    await bin.waitFor("Squonk2 password for alice");
    bin.type("half-typed-fake");
    bin.type("\x03");
    const { code, output } = await bin.exited;
    expect(code, visible(output)).toBe(130);
    expect(lines(output).at(-1)).toBe("sciclients: interrupted");
    expect(lines(output).filter((line) => line.includes("sciclients:"))).toEqual(["sciclients: interrupted"]);
    // The prompt ends its own line: no blank line before the closing one.
    expect(visible(output)).not.toMatch(/\n[ \t]*\nsciclients: interrupted/);
    expect(output).not.toContain("half-typed-fake");
    expect(existsSync(tokenFile())).toBe(false);
    expect(existsSync(signInsFile())).toBe(false);
  });

  it("Ctrl-C at the username prompt exits 130, one line, nothing saved", async () => {
    const bin = runInPty(["login", "data-manager"], squonkEnv());
    await bin.waitFor("Squonk2 username: ");
    bin.type("ali");
    bin.type("\x03");
    const { code, output } = await bin.exited;
    expect(code, visible(output)).toBe(130);
    expect(lines(output).at(-1)).toBe("sciclients: interrupted");
    expect(lines(output).filter((line) => line.includes("sciclients:"))).toEqual(["sciclients: interrupted"]);
    expect(existsSync(signInsFile())).toBe(false);
  });

  it("a SIGINT sent to the process at the password prompt (kill -INT) ends it the same way", async () => {
    const bin = runInPty(["login", "data-manager", "--username", "alice"], squonkEnv());
    await bin.waitFor("Squonk2 password for alice");
    bin.interrupt();
    const { code, output } = await bin.exited;
    expect(code, visible(output)).toBe(130);
    expect(lines(output).at(-1)).toBe("sciclients: interrupted");
    expect(existsSync(signInsFile())).toBe(false);
  });
});

describe("sciclients --wait on a terminal", SLOW, () => {
  it("draws a progress bar on the terminal and prints the result", async () => {
    server.use(copyingFuture("F1"));
    const bin = runInPty(["dss", "get-future", "--job-id", "F1", "--wait"], dssEnv());
    const { code, output } = await bin.exited;
    expect(code, visible(output)).toBe(0);
    // One bar redrawn in place (cursor back to column 1), not a line per state; its last state is the full bar.
    const drawn = lines(output);
    expect(output).toContain("\x1b[1Gdss long task F1 [");
    // The first and the last state are drawn whatever the load; the ones between may be merged by the bar's redraw rate.
    expect(drawn).toContain(`dss long task F1 [${"-".repeat(30)}] 0% waiting`);
    expect(drawn).toContain(`dss long task F1 [${"=".repeat(30)}] 100% copying`);
    expect(drawn.some((line) => line.startsWith("dss long task F1: "))).toBe(false);
    // The cursor, hidden while the bar runs, is shown again.
    expect(output.slice(output.lastIndexOf("\x1b[?25l"))).toContain("\x1b[?25h");
    expect(visible(output)).toMatch(/\{\n {2}"copied": 4\n\}\n$/);
  });

  it("piped, the same wait prints plain lines and no terminal control sequences", async () => {
    server.use(copyingFuture("F1"));
    const { code, stdout, stderr } = await runBin(["dss", "get-future", "--job-id", "F1", "--wait"], dssEnv());
    expect(code, stderr).toBe(0);
    expect(stderr).toContain("dss long task F1: copying (25%, 1/4)\n");
    expect(stderr).toContain("dss long task F1: copying (100%, 4/4)\n");
    expect(stderr).not.toContain("\x1b");
    expect(stderr).not.toContain("\r");
    expect(JSON.parse(stdout)).toEqual({ copied: 4 });
  });

  it("Ctrl-C during the wait (SIGINT from the terminal) exits 130 saying what was left running", async () => {
    server.use(
      http.get(`${api}/futures/F2`, () =>
        HttpResponse.json({
          jobId: "F2",
          hasResult: false,
          alive: true,
          progress: { states: [{ name: "exporting", cur: 1, target: 10 }] },
        }),
      ),
    );
    const bin = runInPty(["dss", "get-future", "--job-id", "F2", "--wait"], dssEnv());
    await bin.waitFor("10% exporting");
    bin.type("\x03");
    const { code, output } = await bin.exited;
    expect(code, visible(output)).toBe(130);
    expect(lines(output).at(-1)).toBe(
      "sciclients: interrupted: DSS long task F2 is still running; abort it with: sciclients dss abort-future --job-id F2",
    );
    // The bar gave the cursor back: a Ctrl-C must not leave the terminal without one.
    expect(output.slice(output.lastIndexOf("\x1b[?25l"))).toContain("\x1b[?25h");
    // Only the waiting stopped: the task was not aborted on DSS.
    expect(server.seen.some((r) => r.method === "DELETE")).toBe(false);
  });
});

describe("sciclients --output table on a terminal", SLOW, () => {
  it("draws a list answer as a table, one row per entry", async () => {
    server.use(
      http.get(`${api}/projects/`, () =>
        HttpResponse.json([
          { projectKey: "ALPHA", name: "Alpha" },
          { projectKey: "BETA", name: "Beta" },
        ]),
      ),
    );
    const bin = runInPty(["dss", "list-projects", "--output", "table"], dssEnv());
    const { code, output } = await bin.exited;
    expect(code, visible(output)).toBe(0);
    const drawn = lines(output);
    expect(drawn[0]).toMatch(/^┌─+┬─+┐$/);
    expect(drawn).toContainEqual(expect.stringMatching(/^│ projectKey │ name +│$/));
    expect(drawn).toContainEqual(expect.stringMatching(/^│ ALPHA +│ Alpha +│$/));
    expect(drawn).toContainEqual(expect.stringMatching(/^│ BETA +│ Beta +│$/));
    expect(drawn.at(-1)).toMatch(/^└─+┴─+┘$/);
  });
});
