// Starts Stoplight Prism as a request-validating mock server for each spec, on
// 127.0.0.1 and a port the system picks, in a child process of its own process
// group, so that stopping it ends everything it started.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const HOST = path.join(import.meta.dirname, "prism-host.mjs");

export interface PrismServers {
  /** Per spec file: `http://127.0.0.1:<port>` (Prism serves the spec's paths at its root). */
  readonly urls: ReadonlyMap<string, string>;
  readonly pid: number;
  /** From spawn until every server listened, in ms. */
  readonly startupMs: number;
  /** Everything Prism logged (violations, errors), for failure messages. */
  output(): string;
  /** Ends the process group (SIGTERM, then SIGKILL after 2 s); resolves once the process has exited. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // The negative pid names the process group; the child leads it (spawned detached).
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

// Whatever ends this process (a crash, a timeout, Ctrl-C), no Prism outlives it;
// the host also exits by itself when its standard input closes.
process.once("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});

export interface StartPrismOptions {
  /** Give up when the servers are not listening after this many ms. */
  startTimeoutMs?: number;
  /** The host's own time limit in seconds, whatever happens to this process. */
  maxSeconds?: number;
}

/**
 * Prism's mock server for each spec, configured as `prism mock --errors`: every
 * request is validated against the spec (parameters, body, security), and a
 * violation is answered with an error (the spec's 422/400 response, or Prism's
 * own 422 problem+json when the spec has neither) with the violations in the
 * `sl-violations` header.
 */
export async function startPrism(specFiles: string[], options: StartPrismOptions = {}): Promise<PrismServers> {
  const timeoutMs = options.startTimeoutMs ?? 90_000;
  const started = performance.now();
  const child = spawn(process.execPath, [HOST, ...specFiles], {
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, CONTRACT_PRISM_MAX_SECONDS: String(options.maxSeconds ?? 300) },
  });
  running.add(child);
  let output = "";
  let stdout = "";
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => {
      running.delete(child);
      resolve();
    });
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    // Keep the last megabyte: enough to explain a failure, bounded whatever happens.
    output = (output + chunk.toString("utf8")).slice(-1_000_000);
  });

  const stop = async () => {
    child.stdin?.end();
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 2_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    const listening = await new Promise<Record<string, string>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Prism did not start within ${timeoutMs} ms`)), timeoutMs);
      child.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString("utf8");
        const line = stdout.split("\n").find((l) => l.startsWith("{"));
        if (line === undefined || !stdout.includes("\n")) return;
        clearTimeout(timer);
        try {
          resolve((JSON.parse(line) as { listening: Record<string, string> }).listening);
        } catch (error) {
          reject(error);
        }
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Prism exited (${signal ?? code}) before listening`));
      });
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    return {
      urls: new Map(Object.entries(listening)),
      pid: child.pid ?? -1,
      startupMs: Math.round(performance.now() - started),
      output: () => output,
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}:\n${output}`);
  }
}
