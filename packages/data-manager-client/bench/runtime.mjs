#!/usr/bin/env node
import { fork } from "node:child_process";
import { once } from "node:events";
import { loadavg } from "node:os";
import { staticBearer } from "@sciclients/auth";
import { createDataManagerClient } from "@sciclients/data-manager-client";
import { getProjects } from "@sciclients/data-manager-client/functions";
// `pnpm bench:runtime`: CPU time per call of one generated function, sciclients
// against the official @squonk/data-manager-client 5.0.1, both through axios:
// - loopback (the budget, PASS or FAIL): real HTTP to a server on 127.0.0.1 in another
//   process, so that only the client process's CPU is counted;
// - stub adapter (an answer at once, no network): the client's own work alone
//   (building the request, credentials, pipeline, parsing the answer), a
//   figure without a limit.
// sciclients uses staticBearer; the official client gets the token
// interceptor its apps write. Rounds alternate between the two clients and the
// median round is printed: on a shared machine single rounds vary a lot.
// Prints figures; asserts nothing. Run `pnpm build` first (the root script does).
// `--rounds N` (default 7) and `--calls N` (stub calls per round; loopback does a tenth).
import axios from "axios";

const BUDGET = 1.15;
const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const ROUNDS = argument("--rounds", 7);
const CALLS = argument("--calls", 20_000);

const body = JSON.stringify({ count: 1, projects: [{ project_id: "project-1", name: "one", owner: "alice" }] });

if (process.argv[2] === "--serve") {
  // The loopback server (run in a child process).
  const { createServer } = await import("node:http");
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    response.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => process.send?.(server.address().port));
} else {
  await main();
}

async function main() {
  const server = fork(import.meta.filename, ["--serve"], { stdio: "inherit" });
  const [port] = await once(server, "message");
  try {
    const official = await import("@squonk/data-manager-client");
    const { getProjects: officialGetProjects } = await import("@squonk/data-manager-client/api/project/project");
    const stub = async (config) => ({
      data: body,
      status: 200,
      statusText: "OK",
      headers: { "content-type": "application/json" },
      config,
      request: {},
    });
    const getToken = async () => "token-value";
    // The official client has one axios instance: pointed at the loopback server or given the stub, one run after the other.
    official.AXIOS_INSTANCE.interceptors.request.use(async (config) => {
      config.headers.Authorization = `Bearer ${await getToken()}`;
      return config;
    });
    const officialTo = (baseURL, adapter) => () => {
      official.setBaseUrl(baseURL);
      official.AXIOS_INSTANCE.defaults.adapter = adapter;
      return () => officialGetProjects();
    };
    const oursTo = (baseURL, adapter) => () => {
      const client = createDataManagerClient({ baseURL, auth: staticBearer("token-value"), axios: adapter ? { adapter } : {} });
      return () => getProjects(undefined, { client });
    };
    const loopback = `http://127.0.0.1:${port}/api`;
    const defaultAdapter = axios.defaults.adapter;
    const runs = [
      { name: "loopback HTTP", ours: oursTo(loopback), official: officialTo(loopback, defaultAdapter), calls: Math.ceil(CALLS / 10) },
      {
        name: "stub adapter",
        ours: oursTo("https://dm.example/api", stub),
        official: officialTo("https://dm.example/api", stub),
        calls: CALLS,
      },
    ];
    console.log(
      `CPU per call of getProjects, client process only (median of ${ROUNDS} alternating rounds; staticBearer / token interceptor; load average ${loadAverage()})`,
    );
    const head = ["budget", "sciclients", "@squonk 5.0.1", "ratio", "limit", ""];
    const rows = [];
    for (const run of runs) {
      const ours = run.ours();
      const official = run.official();
      // Warm up (JIT, connections), then alternate so that both see the same load.
      await cpuPerCall(ours, run.calls / 4);
      await cpuPerCall(official, run.calls / 4);
      const results = { ours: [], official: [] };
      for (let round = 0; round < ROUNDS; round++) {
        results.ours.push(await cpuPerCall(ours, run.calls));
        results.official.push(await cpuPerCall(official, run.calls));
      }
      const a = median(results.ours);
      const b = median(results.official);
      // The budget is the loopback row, what an app sees; the stub row is a figure to read, not a limit.
      const budget = run === runs[0];
      rows.push([
        `CPU per call, ${run.name}${budget ? "" : " (client's own work)"}`,
        `${a.toFixed(1)} µs`,
        `${b.toFixed(1)} µs`,
        (a / b).toFixed(2),
        budget ? `${BUDGET}×` : "-",
        budget ? (a / b <= BUDGET ? "PASS" : "FAIL") : "not a budget",
      ]);
    }
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const row of [head, ...rows])
      console.log(
        row
          .map((cell, i) => cell.padEnd(widths[i]))
          .join("  ")
          .trimEnd(),
      );
  } finally {
    server.kill();
  }
}

async function cpuPerCall(call, calls) {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) await call();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function loadAverage() {
  return loadavg()
    .map((n) => n.toFixed(1))
    .join(" ");
}
