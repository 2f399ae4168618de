// Writes each ```ts / ```tsx block of the root README to examples/, one module
// per block, so `tsc` checks them like any other code.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const here = import.meta.dirname;
const readme = readFileSync(path.join(here, "../../README.md"), "utf8");
const out = path.join(here, "examples");
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
let count = 0;
for (const match of readme.matchAll(/```(ts|tsx)\n([\s\S]*?)```/g)) {
  count += 1;
  const [, lang, code] = match;
  // `export {}` keeps every block a module of its own.
  writeFileSync(path.join(out, `block-${String(count).padStart(2, "0")}.${lang}`), `${code}\nexport {};\n`);
}
console.log(`README: ${count} code blocks to type-check`);
