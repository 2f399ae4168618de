// The progress display on its own: a bar on a terminal, plain lines elsewhere, nothing when quiet.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Output } from "../src/context.js";
import { progressOn } from "../src/progress.js";

function terminal(): { out: Output; text: () => string } {
  let text = "";
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    }),
    { isTTY: true, columns: 100 },
  );
  return { out: { write: (chunk) => stream.write(chunk), isTTY: true, stream }, text: () => text };
}

function lines(): { out: Output; text: () => string } {
  let text = "";
  const write = (chunk: string | Uint8Array) => {
    text += String(chunk);
  };
  return { out: { write, isTTY: false }, text: () => text };
}

describe("progressOn", () => {
  it("draws a bar with the percentage and status on a terminal", () => {
    const { out, text } = terminal();
    const progress = progressOn(out, "dss job J1", false);
    progress.update("RUNNING", { done: 1, total: 4 });
    progress.update("DONE", { done: 4, total: 4 });
    progress.stop();
    expect(text()).toContain(`dss job J1 [${"=".repeat(8)}${"-".repeat(22)}] 25% RUNNING`);
    expect(text()).toContain(`dss job J1 [${"=".repeat(30)}] 100% DONE`);
    // Redrawn in place (cursor to column 1), the cursor hidden while it runs and shown again after.
    expect(text()).toContain("\x1b[1G");
    expect(text()).toContain("\x1b[?25h");
  });

  it("writes one plain line per change elsewhere", () => {
    const { out, text } = lines();
    const progress = progressOn(out, "task t", false);
    progress.update("RUNNING");
    progress.update("RUNNING");
    progress.update("copying", { done: 1, total: 3 });
    progress.stop();
    expect(text()).toBe("task t: RUNNING\ntask t: copying (33%, 1/3)\n");
  });

  it("says nothing when quiet", () => {
    const { out, text } = lines();
    const progress = progressOn(out, "task t", true);
    progress.update("RUNNING");
    progress.note("started");
    progress.stop();
    expect(text()).toBe("");
  });
});
