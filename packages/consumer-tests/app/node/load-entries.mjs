// Imports every entry of every package (names from entries.json) and prints how
// many exports each has, or the error it threw.
import { readFile } from "node:fs/promises";

const entries = JSON.parse(await readFile(new URL("./entries.json", import.meta.url), "utf8"));
const loaded = {};
for (const entry of entries) {
  try {
    loaded[entry] = Object.keys(await import(entry)).length;
  } catch (error) {
    loaded[entry] = `${error?.code ?? ""} ${error?.message ?? error}`.trim();
  }
}
console.log(JSON.stringify(loaded));
