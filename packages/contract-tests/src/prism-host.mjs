#!/usr/bin/env node
// One process serving several specs with Stoplight Prism, each on its own port
// on 127.0.0.1: `node prism-host.mjs <spec.yaml>...`. It uses the server that
// `prism mock --errors <spec>` builds (the same modules, taken from the pinned
// @stoplight/prism-cli, and the same configuration), but loads Prism's modules
// once instead of once per spec: five specs start in about a third of the time
// five `prism mock` processes take on two cores.
//
// Prints one JSON line `{"listening":{"<spec>":"http://127.0.0.1:<port>"}}` when
// every server listens; Prism's own log lines (violations at `error` level) go to
// stderr. It exits when its standard input closes (the test process is gone), on
// SIGTERM/SIGINT, or after CONTRACT_PRISM_MAX_SECONDS (default 300): never left behind.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const fromCli = createRequire(require.resolve("@stoplight/prism-cli/package.json"));
const { getHttpOperationsFromSpec } = fromCli("@stoplight/prism-http");
const { createServer } = fromCli("@stoplight/prism-http-server");
const { createLogger } = fromCli("@stoplight/prism-core");

const specs = process.argv.slice(2);
let closing = false;

// Nothing to flush or save: the servers end with the process, open connections included.
function shutdown(code) {
  if (closing) return;
  closing = true;
  process.exit(code);
}

process.on("SIGTERM", () => shutdown(0));
process.on("SIGINT", () => shutdown(0));
process.stdin.on("end", () => shutdown(0));
process.stdin.on("error", () => shutdown(0));
process.stdin.resume();
setTimeout(
  () => {
    process.stderr.write("prism-host: time limit reached, stopping\n");
    shutdown(2);
  },
  1000 * Number(process.env.CONTRACT_PRISM_MAX_SECONDS ?? 300),
).unref();

// As `prism mock --errors`: validate requests, responses and security; answer violations with errors.
const config = {
  validateRequest: true,
  validateResponse: true,
  checkSecurity: true,
  errors: true,
  upstreamProxy: undefined,
  isProxy: false,
  mock: { dynamic: false, ignoreExamples: false },
};

try {
  if (specs.length === 0) throw new Error("usage: prism-host.mjs <spec.yaml>...");
  const listening = {};
  for (const spec of specs) {
    const operations = await getHttpOperationsFromSpec(spec);
    if (operations.length === 0) throw new Error(`No operations found in ${spec}`);
    const logger = createLogger("PRISM", { level: process.env.CONTRACT_PRISM_LOG_LEVEL ?? "error" }, process.stderr);
    const server = createServer(operations, { cors: true, config, components: { logger } });
    // Port 0: the system picks a free port, so parallel runs never collide.
    listening[spec] = await server.listen(0, "127.0.0.1");
  }
  process.stdout.write(`${JSON.stringify({ listening })}\n`);
} catch (error) {
  process.stderr.write(`prism-host: ${error instanceof Error ? error.stack : String(error)}\n`);
  shutdown(1);
}
