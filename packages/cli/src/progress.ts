// How long work reports itself on stderr: a bar on a terminal (cli-progress),
// plain lines otherwise (one per change, so logs and pipes stay readable),
// nothing with --quiet. stdout keeps only the answer.
import { SingleBar } from "cli-progress";
import type { Output } from "./context.js";

export interface Progress {
  /** The work's state now: a short status and, when known, how far it is (`done` of `total`). */
  update(status: string, amount?: { done: number; total: number }): void;
  /** A line that stays (the id of what was started). */
  note(text: string): void;
  /** Ends the bar; later output starts on a fresh line. */
  stop(): void;
}

const percent = (amount: { done: number; total: number }) =>
  amount.total > 0 ? Math.max(0, Math.min(100, Math.floor((100 * amount.done) / amount.total))) : 0;

function plainLines(out: Output, label: string): Progress {
  let last = "";
  return {
    update(status, amount) {
      const line = `${label}: ${status}${amount ? ` (${percent(amount)}%, ${amount.done}/${amount.total})` : ""}`;
      if (line === last) return;
      last = line;
      out.write(`${line}\n`);
    },
    note: (text) => out.write(`${label}: ${text}\n`),
    stop() {},
  };
}

function bar(out: Output & { stream: NodeJS.WritableStream }, label: string): Progress {
  const progress = new SingleBar({
    stream: out.stream,
    format: `${label} [{bar}] {percentage}% {status}`,
    hideCursor: true,
    clearOnComplete: false,
    barsize: 30,
  });
  let started = false;
  return {
    update(status, amount) {
      const value = amount ? percent(amount) : 0;
      if (!started) {
        progress.start(100, value, { status });
        started = true;
      } else progress.update(value, { status });
    },
    note(text) {
      // Clear the bar's line, print the note, let the next update redraw the bar.
      out.write(`${started ? "\r\x1b[K" : ""}${label}: ${text}\n`);
    },
    stop() {
      if (started) progress.stop();
      started = false;
    },
  };
}

const silent: Progress = { update() {}, note() {}, stop() {} };

/** The progress of one piece of long work, labelled (e.g. `dss job BUILD_1`). */
export function progressOn(out: Output, label: string, quiet: boolean): Progress {
  if (quiet) return silent;
  return out.isTTY && out.stream ? bar({ ...out, stream: out.stream }, label) : plainLines(out, label);
}
