// What a file's metadata says about it (size, times, inode), so a run with nothing
// to do can tell "unchanged" from a few hundred stat calls instead of reading and
// hashing every generated file (write/stamps.ts, cli-catalogue/catalogue.ts).
//
// The ctime cannot be set from user space: any write, rename or `touch` moves it.
// The one blind spot is a change within the clock tick of the recorded state (the
// "racy" entries of git's index): so a state only counts when its ctime is older
// than the record that holds it (`isSettled`); otherwise the caller hashes contents.
import { statSync } from "node:fs";

/** `size:mtime:ctime:inode` (nanoseconds) of `file`, or "-" when there is none. */
export function fileState(file: string): string {
  const stat = statSync(file, { bigint: true, throwIfNoEntry: false });
  if (!stat) return "-";
  return `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}`;
}

/** The states of `files`, one line each, with each file's name as the caller gives it. */
export function fileStates(files: readonly string[], name: (file: string) => string = (f) => f): string {
  return files.map((file) => `${name(file)}\0${fileState(file)}`).join("\n");
}

/** The newest ctime among `states` (from fileStates), in nanoseconds; 0 for none. */
export function newestChange(states: string): bigint {
  let newest = 0n;
  for (const line of states.split("\n")) {
    const ctime = line.split("\0")[1]?.split(":")[2];
    if (ctime && BigInt(ctime) > newest) newest = BigInt(ctime);
  }
  return newest;
}

/**
 * Whether states recorded in the file `record` can be trusted: the record was written
 * in a later clock tick than every change they saw, so a later change of the same size
 * cannot share its ctime with the recorded one.
 */
export function isSettled(record: string, newest: bigint): boolean {
  const stat = statSync(record, { bigint: true, throwIfNoEntry: false });
  return stat !== undefined && newest < stat.mtimeNs;
}
