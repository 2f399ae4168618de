// orval reports a failed generation by printing a line with 🛑 and returning as
// if it had succeeded, and prints chatter (cleaning folders, "converted into
// ready to use orval") on every run. It prints through console.log as
// @orval/core took it when it loaded (`const log = console.log`), before the
// generator runs orval, so replacing console.log does not reach it: the stream
// underneath is watched instead, while orval runs.
import { stripVTControlCharacters } from "node:util";

const CHATTER = /Cleaning output folder|Your OpenAPI spec has been converted/;

/** Runs `run` (an orval call) with its output on stdout watched: chatter dropped, the first 🛑 line kept as the failure. */
export async function watchOrvalOutput(run: () => Promise<void>): Promise<{ failure: string | undefined }> {
  const stdout = process.stdout;
  const write = stdout.write;
  let failure: string | undefined;
  stdout.write = function (this: typeof stdout, chunk: unknown, ...rest: unknown[]): boolean {
    const text = typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString("utf8") : String(chunk);
    if (text.includes("🛑")) failure ??= stripVTControlCharacters(text).trim();
    if (CHATTER.test(text)) {
      // Not written; a caller waiting for the write still hears that it is done.
      const done = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      if (done) queueMicrotask(done);
      return true;
    }
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof stdout.write;
  try {
    await run();
  } finally {
    stdout.write = write;
  }
  return { failure };
}
