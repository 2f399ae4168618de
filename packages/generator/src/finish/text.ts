// Small text helpers the finishing steps share (finish/*.ts).

/** Splits `text` at `separator` where it is not inside (), [], {} or <>. */
export function splitTopLevel(text: string, separator = ","): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if ("([{<".includes(ch)) depth += 1;
    // `=>` is no closing bracket.
    if (")]}".includes(ch) || (ch === ">" && text[i - 1] !== "=")) depth -= 1;
    if (ch === separator && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** The `\nexport …` chunks of a module: each starts at an `export` keyword at the start of a line (the first chunk is the preamble). */
export function exportChunks(text: string): string[] {
  return text.split(/(?=\nexport )/);
}

/**
 * Adds `values` and `types` to the module's imports from `source`, leaving out
 * the ones already imported from there: into its first value import from
 * `source`, or as a new import statement before the first one.
 */
export function addImports(text: string, source: string, { values = [], types = [] }: { values?: string[]; types?: string[] }): string {
  const imported = new Set<string>();
  const quoted = source.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  for (const m of text.matchAll(new RegExp(`import(?: type)? \\{([^}]*)\\} from ['"]${quoted}['"]`, "g"))) {
    for (const name of (m[1] ?? "").split(",")) imported.add(name.replace(/^\s*type\s+/, "").trim());
  }
  const wanted = [...values.filter((n) => !imported.has(n)), ...types.filter((n) => !imported.has(n)).map((n) => `type ${n}`)];
  if (wanted.length === 0) return text;
  const existing = new RegExp(`import \\{([^}]*)\\} from (['"])${quoted}\\2;`).exec(text);
  if (existing) {
    const names = [
      ...(existing[1] ?? "")
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean),
      ...wanted,
    ];
    return text.replace(existing[0], () => `import { ${names.join(", ")} } from ${existing[2]}${source}${existing[2]};`);
  }
  const statement = `import { ${wanted.join(", ")} } from '${source}';\n`;
  const first = text.search(/^import /m);
  return first === -1 ? statement + text : text.slice(0, first) + statement + text.slice(first);
}
