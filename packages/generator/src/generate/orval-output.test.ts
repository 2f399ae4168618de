import { Console } from "node:console";
import { afterEach, describe, expect, it } from "vitest";
import { watchOrvalOutput } from "./orval-output.ts";

// As @orval/core does: console.log taken once, at load, before anything is watched. (A
// console of its own on process.stdout, as Node's global one is: vitest's global console
// reports to the test runner instead.)
const log = new Console({ stdout: process.stdout, stderr: process.stderr }).log;
const originalWrite = process.stdout.write;
afterEach(() => {
  process.stdout.write = originalWrite;
});

/** Records what reaches stdout (through the watch, when there is one). */
function recordStdout(): string[] {
  const written: string[] = [];
  process.stdout.write = ((chunk: unknown) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  return written;
}

describe("generate/orval-output", () => {
  it("keeps the first 🛑 line of a log function taken before the watch, without its colours, and still prints it", async () => {
    const written = recordStdout();
    const { failure } = await watchOrvalOutput(async () => {
      log("\u001b[31m🛑 dss - Error: $ref #/components/schemas/Missing not found\u001b[39m");
      log("🛑 a second one");
    });
    expect(failure).toBe("🛑 dss - Error: $ref #/components/schemas/Missing not found");
    expect(written.join("")).toContain("$ref #/components/schemas/Missing not found");
  });

  it("drops orval's chatter, lets other lines through, reports no failure, and restores the stream", async () => {
    const written = recordStdout();
    const watched = process.stdout.write;
    const { failure } = await watchOrvalOutput(async () => {
      log("🎉 dss - Your OpenAPI spec has been converted into ready to use orval!");
      log("Cleaning output folder packages/dss-client/src/generated");
      log("[WARN] something worth reading");
    });
    expect(failure).toBeUndefined();
    expect(written).toEqual(["[WARN] something worth reading\n"]);
    expect(process.stdout.write).toBe(watched);
  });

  it("restores the stream when orval throws", async () => {
    recordStdout();
    const watched = process.stdout.write;
    await expect(
      watchOrvalOutput(async () => {
        throw new Error("orval crashed");
      }),
    ).rejects.toThrow("orval crashed");
    expect(process.stdout.write).toBe(watched);
  });
});
