// Mocks that cannot be generated: orval's faker mocks for some schemas do not
// type-check (allOf around primitives, spreads of non-objects, deep recursion).
// `findBrokenMocks` type-checks a whole package and names the operations whose
// mock has errors (and every other error, which no minimal mock can cure); the manifest lists them as `minimalMocks`,
// and generation then gives those operations a minimal typed mock instead.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { rm, symlink } from "node:fs/promises";
import path from "node:path";
import type * as Typescript from "typescript";
import { orvalCore } from "../generate/orval-tools.ts";
import { serviceBindings } from "../manifest/services.ts";
import type { PreparedDocument, Service } from "../types.ts";
import { type Compiler, selectCompiler } from "./compiler.ts";
import { operations } from "./walk.ts";

const MARKER = "/* minimal mock */";

// This module stays light (no orval import): `pnpm generate`'s parent process loads it.
// Prepared operationIds are camelCase already, so this is orval's pascal() for them.
const capitalise = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

/** Function names the generated code of `service` defines besides the spec's own (as write/glue.ts names them). */
export function reservedNames(service: Pick<Service, "name">): string[] {
  const { identifier } = serviceBindings(service.name);
  return [`${identifier}Request`, `${identifier}MutationOptions`, `${identifier}ClientOptions`, `${identifier}Deployment`];
}

/**
 * orval `override.operations` entries that replace the faker mock of each listed
 * operation. orval still walks the response schema of each before it uses the
 * data given; for the `oversized` ones (prepare/mock-size.ts) that walk is what
 * fails, so a property override matching every path stops it at the top.
 */
export function minimalMockOverrides(operationIds: readonly string[] = [], oversized: readonly string[] = []) {
  const ids = [...new Set([...operationIds, ...oversized])].sort();
  if (!ids.length) return {};
  // orval writes a function given as mock data into the file as `(source)()`.
  const data = () => ({});
  data.toString = () => `() => (${MARKER} {})`;
  const unwalked = new Set(oversized);
  return {
    operations: Object.fromEntries(ids.map((id) => [id, { mock: unwalked.has(id) ? { data, properties: { "/.*/": data } } : { data } }])),
  };
}

/**
 * Gives the minimal mocks their operation's response type, `(): T => ({}) as
 * unknown as T`. orval still writes the faker helpers of those operations;
 * each whole helper (its body may span lines: maps are written over several)
 * becomes one that returns the override it is given, typed the same.
 */
export function typeMinimalMocks(text: string, operationIds: readonly string[] = []): string {
  if (!text.includes(MARKER)) return text;
  const returnTypes = new Map<string, string>();
  for (const m of text.matchAll(/export const (get\w+)MockHandler(\w*) = \(overrideResponse\?: ([\s\S]+?) \| \(\(info/g)) {
    returnTypes.set(`${m[1]}ResponseMock${m[2]}`, m[3] ?? "");
  }
  const prefixes = operationIds.map((id) => `get${capitalise(id)}Response`);
  return text
    .replace(/export const (get\w+ResponseMock\w*) = \(\) => \(\(\(\) => \(\/\* minimal mock \*\/ \{\}\)\)\(\)\)/g, (all, name: string) => {
      const type = returnTypes.get(name);
      return type ? `export const ${name} = (): ${type} => ({}) as unknown as ${type}` : all;
    })
    .split(/(?=^export const )/m)
    .map((chunk) => {
      const m = /^export const (get\w+Mock) = \(overrideResponse: Partial<\s*(.+?)\s*> = \{\}\): (.+?) => \(/.exec(chunk);
      if (!m?.[1] || !prefixes.some((p) => m[1]?.startsWith(p))) return chunk;
      // The helper ends where the next export starts: only the blank lines after it stay.
      const after = /\n*$/.exec(chunk)?.[0] ?? "";
      return `export const ${m[1]} = (overrideResponse: Partial<${m[2]}> = {}): ${m[3]} => ({ ...(overrideResponse as object) }) as unknown as ${m[3]};${after}`;
    })
    .join("");
}

/**
 * Type-checks the package in `pkgDir` as its tsconfig.json describes it (every
 * file it emits: generated code, hand-written layer, tests and config files,
 * strictly) and returns the operationIds whose mock code has errors (`broken`),
 * their errors (`errors`: operationId → lines) and the errors found elsewhere
 * (`elsewhere`), each as tsc prints it: `file(line,column): error TSnnnn: message`. A module or type package that does not resolve from
 * the package (not installed yet) resolves as it would from `resolveFrom`, a
 * node_modules folder of a package with the same dependencies; package exports
 * and conditions apply as in the real installation. The compiler is TypeScript 7's
 * binary where it is installed (prepare/compiler.ts: GitHub's document in a
 * fraction of the time, no heap flag), else TypeScript 5 in this process.
 */
export interface BrokenMocks {
  /** The operationIds whose mock has errors. */
  broken: string[];
  /** Their errors: operationId → lines. */
  errors: Record<string, string[]>;
  /** The errors elsewhere, which no minimal mock cures. */
  elsewhere: string[];
}

/** An error as a compiler reports it; `file` is absolute, `line` and `column` start at 1. */
interface Reported {
  file?: string;
  line: number;
  column: number;
  code: number;
  message: string;
}

/**
 * TypeScript 5's errors for the package, in this process; a module that does not
 * resolve from the package is looked up from the lender's folder, one by one.
 */
function checkInProcess(ts: typeof Typescript, config: Typescript.ParsedCommandLine, lender: string | undefined): Reported[] {
  const options = { ...config.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  host.resolveModuleNameLiterals = (literals, containingFile, redirect, opts) =>
    literals.map((literal) => {
      const own = ts.resolveModuleName(literal.text, containingFile, opts, host, undefined, redirect);
      if (own.resolvedModule || !lender) return own;
      const lent = ts.resolveModuleName(literal.text, lender, opts, host, undefined, redirect);
      return lent.resolvedModule ? lent : own;
    });
  host.resolveTypeReferenceDirectiveReferences = (references, containingFile, redirect, opts) =>
    references.map((reference) => {
      const name = typeof reference === "string" ? reference : reference.fileName.toLowerCase();
      const own = ts.resolveTypeReferenceDirective(name, containingFile, opts, host, redirect);
      if (own.resolvedTypeReferenceDirective || !lender) return own;
      const lent = ts.resolveTypeReferenceDirective(name, lender, opts, host, redirect);
      return lent.resolvedTypeReferenceDirective ? lent : own;
    });
  const program = ts.createProgram({ rootNames: config.fileNames, options, host });
  return [...config.errors, ...ts.getPreEmitDiagnostics(program)].map((d) => {
    const { line, character } = d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0) : { line: 0, character: 0 };
    return {
      ...(d.file ? { file: path.resolve(d.file.fileName) } : {}),
      line: line + 1,
      column: character + 1,
      code: d.code,
      message: ts.flattenDiagnosticMessageText(d.messageText, "\n").split("\n")[0] ?? "",
    };
  });
}

/** One line of `tsc --pretty false`: `file(line,column): error TSn: message`, or `error TSn: message`. */
const REPORTED = /^(?:(.+)\((\d+),(\d+)\): )?error TS(\d+): (.*)$/;

/** Parses `tsc --pretty false` output (continuation lines of a message chain are indented: left out, as in checkInProcess). */
export function parseTscOutput(output: string, cwd: string): Reported[] {
  return output.split(/\r?\n/).flatMap((line) => {
    const m = REPORTED.exec(line);
    if (!m) return [];
    return [
      {
        ...(m[1] ? { file: path.resolve(cwd, m[1]) } : {}),
        line: Number(m[2] ?? 1),
        column: Number(m[3] ?? 1),
        code: Number(m[4]),
        message: m[5] ?? "",
      },
    ];
  });
}

/**
 * TypeScript 7's errors for the package, from its binary. A process cannot take
 * a module resolver, so a package without node_modules (new-client's, before
 * `pnpm install`) borrows the lender's for the run, as a link that goes after it.
 */
async function checkNative(exe: string, pkgDir: string, lendFrom: string | undefined): Promise<Reported[]> {
  const modules = path.join(pkgDir, "node_modules");
  const borrowed = lendFrom !== undefined && existsSync(lendFrom) && !existsSync(modules);
  if (borrowed) await symlink(lendFrom, modules, "junction");
  try {
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(exe, ["--noEmit", "-p", "tsconfig.json", "--pretty", "false"], { cwd: pkgDir });
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => {
        out += d;
      });
      child.stderr.on("data", (d) => {
        err += d;
      });
      child.on("error", reject);
      child.on("close", (c) => resolve({ code: c, stdout: out, stderr: err }));
    });
    const reported = parseTscOutput(stdout, pkgDir);
    // Exit 1 or 2 with errors listed is a verdict; anything else (a crash, a signal) is not.
    if (code !== 0 && reported.length === 0) throw new Error(`${exe} exited with ${code}: ${(stderr || stdout).trim().slice(0, 2000)}`);
    return reported;
  } finally {
    if (borrowed) await rm(modules, { force: true });
  }
}

export async function findBrokenMocks(
  pkgDir: string,
  document: PreparedDocument,
  resolveFrom: string | undefined,
  compiler: Compiler = selectCompiler(),
): Promise<BrokenMocks> {
  const ts: typeof Typescript = (await import("typescript")).default;
  const { pascal } = orvalCore();
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(pkgDir, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(`${pkgDir}/tsconfig.json: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
      },
    },
  );
  if (!config) throw new Error(`${pkgDir}/tsconfig.json: cannot be read`);
  // A file of the package that lends its node_modules: resolution from there is what an installed package sees.
  const lender = resolveFrom && existsSync(resolveFrom) ? path.join(path.dirname(resolveFrom), "index.ts") : undefined;
  const reported = compiler.kind === "native" ? await checkNative(compiler.exe, pkgDir, resolveFrom) : checkInProcess(ts, config, lender);
  // The mock files, parsed (TypeScript 5's parser; no types): which statement each error is in.
  const parsed = new Map<string, Typescript.SourceFile>();
  const mockFile = (file: string) => {
    let source = parsed.get(file);
    if (!source) {
      source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
      parsed.set(file, source);
    }
    return source;
  };
  const byPascal = new Map<string, string>();
  for (const { op } of operations(document))
    if (typeof op.operationId === "string" && op.operationId) byPascal.set(pascal(op.operationId), op.operationId);
  const prefixes = [...byPascal.keys()].sort((a, b) => b.length - a.length);
  const ownerOf = (name: string) => prefixes.find((p) => name.startsWith(`get${p}Response`) || name.startsWith(`get${p}MockHandler`));
  const nameOf = (statement: Typescript.Statement, file: Typescript.SourceFile) =>
    ts.isVariableStatement(statement) ? statement.declarationList.declarations[0]?.name.getText(file) : undefined;
  const brokenNames = new Set<string>();
  const elsewhere: string[] = [];
  const located = new Map<string, string[]>(); // mock name → its errors, as tsc prints them
  for (const error of reported) {
    const message = `error TS${error.code}: ${error.message}`;
    const where = error.file ? `${path.relative(pkgDir, error.file)}(${error.line},${error.column}): ${message}` : message;
    if (!error.file?.endsWith(".msw.ts") || !existsSync(error.file)) {
      elsewhere.push(where);
      continue;
    }
    const file = mockFile(error.file);
    const lines = file.getLineStarts();
    const lineStart = lines[Math.min(error.line - 1, lines.length - 1)] ?? 0;
    const start = Math.min(lineStart + error.column - 1, file.end - 1);
    const statement = file.statements.find((s) => s.pos <= start && start < s.end);
    const name = statement && nameOf(statement, file);
    if (name && ownerOf(name)) {
      brokenNames.add(name);
      located.set(name, [...(located.get(name) ?? []), where]);
    } else elsewhere.push(where);
  }
  // orval shares mock helpers between operations (named after the first one): every
  // mock that calls a broken helper, directly or not, is broken too.
  const statements = config.fileNames
    .filter((f) => f.endsWith(".msw.ts"))
    .map(mockFile)
    .flatMap((f) => f.statements.map((s) => ({ name: nameOf(s, f), text: s.getText(f) })))
    .flatMap((s) => (s.name ? [{ name: s.name, text: s.text }] : []));
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
  const idOf = (name: string) => {
    const owner = ownerOf(name);
    return owner === undefined ? undefined : byPascal.get(owner);
  };
  const broken = new Set([...brokenNames].flatMap((name) => idOf(name) ?? []));
  const errors: Record<string, string[]> = {};
  for (const [name, lines] of located) {
    const id = String(idOf(name));
    errors[id] = [...(errors[id] ?? []), ...lines];
  }
  return { broken: [...broken].sort(), elsewhere, errors };
}
