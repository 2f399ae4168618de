// The README's command-line examples run as written: every `sciclients …` line
// of the ```sh blocks under "Command line: sciclients" and "Long work" runs
// against loopback servers answering with the clients' MSW faker handlers (and
// long work that finishes), so the docs and the code cannot drift apart.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getAllMockHandlers as accountServerHandlers } from "@sciclients/account-server-client/mocks";
import { getAllMockHandlers as dataManagerHandlers, getGetTaskMockHandler } from "@sciclients/data-manager-client/mocks";
import { getAllMockHandlers as dserverHandlers } from "@sciclients/dserver-client/mocks";
import {
  getAllMockHandlers as dssHandlers,
  getCopyDatasetMockHandler,
  getGetFutureMockHandler,
  getGetJobMockHandler,
} from "@sciclients/dss-client/mocks";
import { getAllMockHandlers as iceprodHandlers } from "@sciclients/iceprod-client/mocks";
import { HttpResponse, http } from "msw";
import parseArgsStringToArgv from "string-argv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "./helpers/mock-server.js";
import { runBin } from "./helpers/run-bin.js";

const README = readFileSync(fileURLToPath(new URL("../../../README.md", import.meta.url)), "utf8");
const SECTIONS = ["## Command line: sciclients", "### Long work"];

/** The `sciclients` lines of the ```sh blocks of a section (its text up to the next heading), comments cut. */
function examplesOf(heading: string): string[] {
  const start = README.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "${heading}" section`);
  const rest = README.slice(start + heading.length + 2);
  const body = rest.slice(0, rest.search(/^#{1,6} /m) === -1 ? undefined : rest.search(/^#{1,6} /m));
  return [...body.matchAll(/```sh\n([\s\S]*?)```/g)]
    .flatMap((block) => (block[1] ?? "").split("\n"))
    .map((line) => line.replace(/\s+#\s.*$/, "").trim())
    .filter((line) => line.startsWith("sciclients "));
}

const EXAMPLES = SECTIONS.flatMap(examplesOf);

/** Files the examples name, as a user would have them in the working directory. */
const FILES: Record<string, string> = {
  "mols.sdf": "C1=CC=CC=C1\n$$$$\n",
  "customers.csv": "id,name\n1,Ada\n",
  "dataset.json": JSON.stringify({ description: "Simulation", jobs_submitted: 10, tasks_submitted: 10, tasks_per_job: 1, group: "users" }),
  "job.json": JSON.stringify({ type: "NON_RECURSIVE_FORCED_BUILD", outputs: [{ id: "customers" }] }),
};

let server: MockServer;
let env: Record<string, string>;
let cwd = "";

beforeAll(async () => {
  server = await startMockServer((origin) => {
    const at = (path: string) => ({ baseURL: `${origin}${path}` });
    return [
      // Long work with an id (faker may leave it out) that ends, so that --wait returns.
      getCopyDatasetMockHandler({ jobId: "Qm9vdHN0cmFw", hasResult: false }, at("/dss/public/api")),
      getGetFutureMockHandler({ jobId: "Qm9vdHN0cmFw", hasResult: true, alive: false, result: { done: true } }, at("/dss/public/api")),
      getGetJobMockHandler({ baseStatus: { state: "DONE" }, globalState: { done: 1, total: 1 } } as never, at("/dss/public/api")),
      getGetTaskMockHandler(
        { purpose: "DATASET", purpose_id: "d1", created: "2026-01-01T00:00:00Z", done: true, exit_code: 0, events: [] } as never,
        at("/data-manager-api"),
      ),
      http.delete(`${origin}/iceprod/datasets/:datasetId/logs`, () =>
        HttpResponse.text(`${JSON.stringify({ status: "complete", percent_complete: 100 })}\n`, {
          headers: { "content-type": "application/x-ndjson" },
        }),
      ),
      ...dataManagerHandlers(at("/data-manager-api")),
      ...accountServerHandlers(at("/account-server-api")),
      ...dserverHandlers(at("/dserver")),
      ...iceprodHandlers(at("/iceprod")),
      ...dssHandlers(at("/dss/public/api")),
    ];
  });
  const o = server.origin;
  env = {
    SQUONK2_DMAPI_URL: `${o}/data-manager-api`,
    SQUONK2_ASAPI_URL: `${o}/account-server-api`,
    SQUONK2_TOKEN: "readme-token",
    DSERVER_URL: `${o}/dserver`,
    DSERVER_TOKEN: "readme-token",
    ICEPROD_API_URL: `${o}/iceprod`,
    ICEPROD_TOKEN: "readme-token",
    DSS_HOST: `${o}/dss`,
    DSS_API_KEY: "readme-key",
  };
  cwd = mkdtempSync(join(tmpdir(), "sciclients-readme-"));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(cwd, name), text);
});
afterAll(() => server.close());

describe("README: Command line examples", () => {
  it("has examples for every service", () => {
    for (const service of ["data-manager", "account-server", "dserver", "iceprod", "dss"]) {
      expect(EXAMPLES.some((line) => line.startsWith(`sciclients ${service} `))).toBe(true);
    }
    expect(EXAMPLES.some((line) => line.includes("--wait"))).toBe(true);
  });

  it.each(EXAMPLES)("%s", async (line) => {
    const args = parseArgsStringToArgv(line).slice(1);
    const { code, stderr } = await runBin(args, env, undefined, cwd);
    expect(stderr.split("\n").filter((l) => l.startsWith("sciclients:"))).toEqual([]);
    expect(code).toBe(0);
    const out = args.indexOf("--out");
    if (out >= 0) expect(existsSync(join(cwd, args[out + 1] ?? ""))).toBe(true);
  });
});
