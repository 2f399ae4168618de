// Mocks that cannot be generated: orval's faker mocks for some schemas do not
// type-check (allOf around primitives, spreads of non-objects, deep recursion).
// `findBrokenMocks` type-checks a package's generated MSW files and names the
// operations whose mock has errors; the manifest lists them as `minimalMocks`,
// and generation then gives those operations a minimal typed mock instead.
import { existsSync } from "node:fs";
import path from "node:path";
import { listFiles } from "./files.mjs";
import { serviceBindings } from "./services.mjs";

const MARKER = "/* minimal mock */";

// This module stays light (no orval import): `pnpm generate`'s parent process loads it.
// Prepared operationIds are camelCase already, so this is orval's pascal() for them.
const capitalise = (id) => id.charAt(0).toUpperCase() + id.slice(1);

/** Function names the generated code of `service` defines besides the spec's own (as scripts/generate.mjs names them). */
export function reservedNames(service) {
  const { identifier } = serviceBindings(service.name);
  return [`${identifier}Request`, `${identifier}MutationOptions`, `${identifier}ClientOptions`, `${identifier}Deployment`];
}

/** orval `override.operations` entries that replace the faker mock of each listed operation. */
export function minimalMockOverrides(operationIds = []) {
  if (!operationIds?.length) return {};
  // orval writes a function given as mock data into the file as `(source)()`.
  const data = () => ({});
  data.toString = () => `() => (${MARKER} {})`;
  return { operations: Object.fromEntries([...operationIds].sort().map((id) => [id, { mock: { data } }])) };
}

/**
 * Gives the minimal mocks their operation's response type, `(): T => ({}) as
 * unknown as T`. orval still writes the faker helpers of those operations (one
 * line each); their bodies become the override they are given, typed the same.
 */
export function typeMinimalMocks(text, operationIds = []) {
  if (!text.includes(MARKER)) return text;
  const returnTypes = new Map();
  for (const m of text.matchAll(/export const (get\w+)MockHandler(\w*) = \(overrideResponse\?: ([\s\S]+?) \| \(\(info/g)) {
    returnTypes.set(`${m[1]}ResponseMock${m[2]}`, m[3]);
  }
  const prefixes = operationIds.map((id) => `get${capitalise(id)}Response`);
  return text
    .replace(/export const (get\w+ResponseMock\w*) = \(\) => \(\(\(\) => \(\/\* minimal mock \*\/ \{\}\)\)\(\)\)/g, (all, name) => {
      const type = returnTypes.get(name);
      return type ? `export const ${name} = (): ${type} => ({}) as unknown as ${type}` : all;
    })
    .split("\n")
    .map((line) => {
      const m = /^export const (get\w+Mock) = \(overrideResponse: Partial<\s*(.+?)\s*> = \{\}\): (.+?) => \(/.exec(line);
      if (!m || !prefixes.some((p) => m[1].startsWith(p))) return line;
      return `export const ${m[1]} = (overrideResponse: Partial<${m[2]}> = {}): ${m[3]} => ({ ...(overrideResponse as object) }) as unknown as ${m[3]};`;
    })
    .join("\n");
}

/**
 * Type-checks the generated MSW files of the package in `pkgDir` and returns
 * the operationIds whose mock code has errors, and the errors found elsewhere.
 * Modules resolve from `resolveFrom` (a node_modules folder), so a package that
 * is not installed yet can be checked.
 */
export async function findBrokenMocks(pkgDir, document, resolveFrom) {
  const { default: ts } = await import("typescript");
  const { pascal } = (await import("@orval/core")).default; // CommonJS: named exports are not visible from ESM on Node 24
  const files = (await listFiles(path.join(pkgDir, "src/generated/endpoints"))).filter((f) => f.endsWith(".msw.ts"));
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
    allowImportingTsExtensions: true,
    customConditions: ["@sciclients/source"],
    ...(resolveFrom && existsSync(resolveFrom) ? { baseUrl: pkgDir, paths: { "*": [`${resolveFrom}/*`, `${resolveFrom}/@types/*`] } } : {}),
  };
  const program = ts.createProgram(files, options);
  const byPascal = new Map();
  for (const item of Object.values(document.paths ?? {})) {
    for (const op of Object.values(item ?? {})) if (op?.operationId) byPascal.set(pascal(op.operationId), op.operationId);
  }
  const prefixes = [...byPascal.keys()].sort((a, b) => b.length - a.length);
  const ownerOf = (name) => prefixes.find((p) => name.startsWith(`get${p}Response`) || name.startsWith(`get${p}MockHandler`));
  const nameOf = (statement, file) =>
    ts.isVariableStatement(statement) ? statement.declarationList.declarations[0]?.name.getText(file) : undefined;
  const brokenNames = new Set();
  const elsewhere = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file;
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n").split("\n")[0];
    if (!file?.fileName.endsWith(".msw.ts")) {
      elsewhere.push(file ? `${path.relative(pkgDir, file.fileName)}: ${message}` : message);
      continue;
    }
    const statement = file.statements.find((s) => s.pos <= diagnostic.start && diagnostic.start < s.end);
    const name = statement && nameOf(statement, file);
    if (name && ownerOf(name)) brokenNames.add(name);
    else elsewhere.push(`${path.relative(pkgDir, file.fileName)}: ${message}`);
  }
  // orval shares mock helpers between operations (named after the first one): every
  // mock that calls a broken helper, directly or not, is broken too.
  const statements = program
    .getSourceFiles()
    .filter((f) => f.fileName.endsWith(".msw.ts"))
    .flatMap((f) => f.statements.map((s) => ({ name: nameOf(s, f), text: s.getText(f) })))
    .filter((s) => s.name);
  for (let grew = brokenNames.size > 0; grew; ) {
    grew = false;
    for (const { name, text } of statements) {
      if (brokenNames.has(name)) continue;
      if ([...brokenNames].some((b) => text.includes(`${b}(`))) {
        brokenNames.add(name);
        grew = true;
      }
    }
  }
  const broken = new Set(
    [...brokenNames]
      .map(ownerOf)
      .filter(Boolean)
      .map((p) => byPascal.get(p)),
  );
  return { broken: [...broken].sort(), elsewhere };
}
