// The metadata a stamp compares (write/file-states.ts): a missing file has a state of
// its own, any write changes the state, and a record is trusted only when written
// after every change it saw.
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileState, fileStates, isSettled, newestChange } from "./file-states.ts";

const dir = mkdtempSync(path.join(tmpdir(), "sciclients-file-states-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("write/file-states", () => {
  it("says '-' for a missing file and changes with a rewrite that keeps size and modification time", () => {
    const file = path.join(dir, "a.txt");
    expect(fileState(file)).toBe("-");
    writeFileSync(file, "one\n");
    const { atime, mtime } = statSync(file);
    const before = fileState(file);
    writeFileSync(file, "two\n");
    utimesSync(file, atime, mtime);
    // Only the ctime tells them apart; it moves with the utimes call itself, so always.
    expect(fileState(file)).not.toBe(before);
  });

  it("names each file and finds the newest ctime", () => {
    const a = path.join(dir, "b.txt");
    writeFileSync(a, "b\n");
    const states = fileStates([a, path.join(dir, "none")], (f) => path.basename(f));
    expect(states.split("\n").map((line) => line.split("\0")[0])).toEqual(["b.txt", "none"]);
    expect(newestChange(states)).toBe(statSync(a, { bigint: true }).ctimeNs);
    expect(newestChange("")).toBe(0n);
  });

  it("trusts a record only when it is newer than every change it saw", () => {
    const record = path.join(dir, "record.json");
    expect(isSettled(record, 0n)).toBe(false);
    writeFileSync(record, "{}");
    const { mtimeNs } = statSync(record, { bigint: true });
    expect(isSettled(record, mtimeNs - 1n)).toBe(true);
    expect(isSettled(record, mtimeNs)).toBe(false);
  });
});
