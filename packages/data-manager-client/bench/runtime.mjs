#!/usr/bin/env node
import { staticBearer } from "@sciclients/auth";
import { createDataManagerClient } from "@sciclients/data-manager-client";
import { getProjects } from "@sciclients/data-manager-client/functions";
// `pnpm bench:runtime`: CPU time per call of one generated function, sciclients
// against the official @squonk/data-manager-client 5.0.1, both through axios
// with a stub adapter (an answer at once, no network), so that what is
// measured is the client's own work: building the request, credentials,
// pipeline, parsing the answer. The official client gets the token
// interceptor its apps write. Prints figures; asserts nothing.
// Run `pnpm build` first (the root script does).
import { AXIOS_INSTANCE, setBaseUrl } from "@squonk/data-manager-client";
import { getProjects as officialGetProjects } from "@squonk/data-manager-client/api/project/project";

const body = JSON.stringify({ count: 1, projects: [{ project_id: "project-1", name: "one", owner: "alice" }] });
const stub = async (config) => ({
  data: body,
  status: 200,
  statusText: "OK",
  headers: { "content-type": "application/json" },
  config,
  request: {},
});

const client = createDataManagerClient({ baseURL: "https://dm.example/api", auth: staticBearer("token-value"), axios: { adapter: stub } });
const ours = () => getProjects(undefined, { client });

setBaseUrl("https://dm.example/api");
AXIOS_INSTANCE.defaults.adapter = stub;
const getToken = async () => "token-value";
AXIOS_INSTANCE.interceptors.request.use(async (config) => {
  config.headers.Authorization = `Bearer ${await getToken()}`;
  return config;
});
const official = () => officialGetProjects();

async function cpuPerCall(call, calls) {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) await call();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

const CALLS = 20_000;
const ROUNDS = 5;
for (const call of [ours, official]) await cpuPerCall(call, 5_000); // warm up
const results = { ours: [], official: [] };
for (let round = 0; round < ROUNDS; round++) {
  results.ours.push(await cpuPerCall(ours, CALLS));
  results.official.push(await cpuPerCall(official, CALLS));
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const a = median(results.ours);
const b = median(results.official);
console.log(`CPU per call (median of ${ROUNDS} rounds of ${CALLS} calls, stub adapter, staticBearer / token interceptor):`);
console.log(`  sciclients getProjects        ${a.toFixed(1)} µs`);
console.log(`  @squonk 5.0.1 getProjects     ${b.toFixed(1)} µs`);
console.log(`  ratio ${(a / b).toFixed(2)} (budget 1.15)`);
