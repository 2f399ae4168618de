// Runs the built bin in a pseudo-terminal (@lydell/node-pty): stdin, stdout
// and stderr are one real terminal, so the bin prompts, draws its bar and
// receives Ctrl-C from the terminal's line discipline as a person would see it.
import { type IPty, spawn } from "@lydell/node-pty";
import { BIN, baseEnv } from "./run-bin.js";

export interface PtyRun {
  /** Everything the terminal showed so far (stdout and stderr together, with their escape sequences). */
  output(): string;
  /** Resolves once the output matches `marker`; rejects if the bin ends first or `patienceMs` runs out. */
  waitFor(marker: string | RegExp): Promise<void>;
  /** Types into the terminal (`\r` is Enter, `\x03` Ctrl-C). */
  type(text: string): void;
  /** Sends SIGINT to the bin itself (as `kill -INT` would), not through the terminal. */
  interrupt(): void;
  /** The exit code and the whole output, once the bin has ended. */
  exited: Promise<{ code: number; output: string }>;
  kill(): void;
}

/** Waiting for a marker this long means the bin is stuck, not slow: far beyond a start on a loaded machine. */
const PATIENCE_MS = 50_000;
const running = new Set<IPty>();

/** Starts `node dist/bin.js ...args` in a 100-column terminal with only `env` (on top of baseEnv). */
export function runInPty(args: string[], env: Record<string, string> = {}): PtyRun {
  const pty = spawn(process.execPath, [BIN, ...args], { name: "xterm", cols: 100, rows: 30, env: baseEnv(env) });
  running.add(pty);
  let output = "";
  let ended = false;
  const watchers = new Set<() => void>();
  pty.onData((data) => {
    output += data;
    for (const check of watchers) check();
  });
  const exited = new Promise<{ code: number; output: string }>((resolve) => {
    pty.onExit(({ exitCode, signal }) => {
      ended = true;
      running.delete(pty);
      for (const check of watchers) check();
      // A death by signal is reported as 128 + its number, as shells do.
      resolve({ code: signal ? 128 + signal : exitCode, output });
    });
  });
  const matches = (marker: string | RegExp) => (typeof marker === "string" ? output.includes(marker) : marker.test(output));
  return {
    output: () => output,
    waitFor: (marker) =>
      new Promise<void>((resolve, reject) => {
        const done = () => {
          watchers.delete(check);
          clearTimeout(timer);
        };
        const check = () => {
          if (matches(marker)) {
            done();
            resolve();
          } else if (ended) {
            done();
            reject(new Error(`the bin ended without showing ${String(marker)}; it showed: ${JSON.stringify(visible(output))}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`the bin never showed ${String(marker)}; it showed: ${JSON.stringify(visible(output))}`));
        }, PATIENCE_MS);
        watchers.add(check);
        check();
      }),
    type: (text) => pty.write(text),
    interrupt: () => pty.kill("SIGINT"),
    exited,
    kill: () => pty.kill("SIGKILL"),
  };
}

/** Ends every bin still running (after a failed test), so none outlives the file. */
export function killAllPtys(): void {
  for (const pty of running) pty.kill("SIGKILL");
  running.clear();
}

/** The output without escape sequences (colours, cursor moves, cursor save and restore), carriage-return line ends made plain. */
export function visible(output: string): string {
  return (
    output
      // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is removed
      .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[78]/g, "")
      .replace(/\r\n/g, "\n")
  );
}

/** The visible lines that carry text; a bar redrawn in place (cursor back to column 1) gives one line per state drawn. */
export function lines(output: string): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape sequence is what is replaced
  return visible(output.replace(/\x1b\[1?G/g, "\r"))
    .split(/[\r\n]/)
    .map((line) => line.trimEnd())
    .filter((line) => line !== "");
}
