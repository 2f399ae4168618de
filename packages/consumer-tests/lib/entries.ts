// The entry points of the installed packages (their `exports` keys) and the
// files the test apps import them from.
import { readFile } from "node:fs/promises";
import path from "node:path";

/** Every import specifier the installed packages export, e.g. "@sciclients/data-manager-client/project". */
export async function entrySpecifiers(app: string, names: string[]): Promise<string[]> {
  const specifiers: string[] = [];
  for (const name of names) {
    const manifest = JSON.parse(await readFile(path.join(app, "node_modules", name, "package.json"), "utf8")) as {
      exports?: Record<string, unknown>;
    };
    // A package with only a bin (@sciclients/cli) has no entry to import.
    for (const key of Object.keys(manifest.exports ?? {})) {
      if (key !== "./package.json") specifiers.push(key === "." ? name : `${name}${key.slice(1)}`);
    }
  }
  return specifiers;
}

const header = "// Written by @sciclients/consumer-tests: every entry of every published package.\n";

/** An ES module importing every entry. */
export function esmImports(specifiers: string[]): string {
  const lines = specifiers.map((s, i) => `import * as entry${i} from ${JSON.stringify(s)};`);
  return `${header}${lines.join("\n")}\n\nexport const entries: unknown[] = [${specifiers.map((_, i) => `entry${i}`).join(", ")}];\n`;
}

/** A CommonJS module requiring every entry (`import x = require()`, resolved with the "require" condition). */
export function commonJsImports(specifiers: string[]): string {
  const lines = specifiers.map((s, i) => `import entry${i} = require(${JSON.stringify(s)});`);
  return `${header}${lines.join("\n")}\n\nexport const entries: unknown[] = [${specifiers.map((_, i) => `entry${i}`).join(", ")}];\n`;
}
