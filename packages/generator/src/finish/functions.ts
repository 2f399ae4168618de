// Finishing step: the plain request functions of `@sciclients/<service>-client/functions`,
// taken from the React Query tag files orval wrote (src/generated/endpoints/<tag>/<tag>.ts)
// once their own finishing steps have run. orval writes the same request functions in
// its react-query and axios-functions output; a second orval run for the latter cost
// as much as the first (parsing the spec, resolving every schema again), so instead
// each functions file keeps, from its tag file's syntax tree:
// - the header comment;
// - the request functions: `export const x = (…) => { … return <requester>({…, operation: 'x'}, options) }`,
//   with their comments, less the `signal` parameter React Query's hooks pass
//   (callers put `signal` in the request options, like any other axios option);
// - the local declarations they need (`SecondParameter`), and the import
//   specifiers they use (requester, `pathParameter`, `BodyType`, models, encoders);
// - a `XResult` type per function, as orval's axios-functions output had.
// The request functions are edited only at positions of the syntax tree; a tag file
// not shaped as expected fails generation instead of giving a functions file that
// lacks an operation or pulls React in.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type * as Typescript from "typescript";
import { requireTool } from "../paths.ts";

// CommonJS, loaded with `require` when first needed (see paths.ts).
const typescript = () => requireTool("typescript") as typeof Typescript;
const pascal = (name: string) => (requireTool("@orval/core") as { pascal: (name: string) => string }).pascal(name);

/** Imports a functions file must never keep: `./functions` runs in Node scripts without React. */
const FORBIDDEN_SOURCES = /^(react|react-dom|@tanstack\/.*|msw|@faker-js\/.*|\.\.\/\.\.\/react)$/;

/** A functions file, and the names of the request functions it exports, in order. */
export interface FunctionsModule {
  text: string;
  functions: string[];
}

/** A text edit: the range [start, end) of the source becomes `text`. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * The functions file of one tag file. `requester` is the service's request
 * function (`dserverRequest`…), which every request function returns a call of.
 */
export function functionsModule(source: string, { requester, file = "tag.ts" }: { requester: string; file?: string }): FunctionsModule {
  const ts = typescript();
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const fail = (message: string): never => {
    throw new Error(`functions: ${file}: ${message}`);
  };

  /** A statement's text with the comments before it, after `edits` (positions in `source`). */
  const textOf = (node: Typescript.Node, edits: Edit[] = []) => {
    const start = ts.getLeadingCommentRanges(source, node.getFullStart())?.[0]?.pos ?? node.getStart(sf);
    let text = source.slice(start, node.end);
    for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
      text = text.slice(0, edit.start - start) + edit.text + text.slice(edit.end - start);
    }
    return text;
  };

  /** Removes `node`, an element of `list`, with the comma that separates it from a neighbour. */
  const removeElement = (list: Typescript.NodeArray<Typescript.Node>, node: Typescript.Node): Edit => {
    const index = list.indexOf(node);
    const previous = list[index - 1];
    const next = list[index + 1];
    if (previous) return { start: previous.end, end: node.end, text: "" };
    return { start: node.getStart(sf), end: next ? next.getStart(sf) : node.end, text: "" };
  };

  /** `operation: '…'` of a call of the requester, if it is one. */
  const operationOf = (node: Typescript.Node): string | undefined => {
    if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== requester) return undefined;
    const config = node.arguments[0];
    if (!config || !ts.isObjectLiteralExpression(config)) return undefined;
    for (const property of config.properties) {
      if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === "operation") {
        return ts.isStringLiteral(property.initializer) ? property.initializer.text : undefined;
      }
    }
    return undefined;
  };

  // Every call of the requester that names its operation (finish/endpoints.ts added the name).
  const requests: Typescript.CallExpression[] = [];
  const findRequests = (node: Typescript.Node) => {
    if (operationOf(node) !== undefined) requests.push(node as Typescript.CallExpression);
    ts.forEachChild(node, findRequests);
  };
  findRequests(sf);

  // The request functions: exported arrow functions whose block returns such a call naming them.
  const functions: { name: string; statement: Typescript.VariableStatement; edits: Edit[]; skip: Set<Typescript.Node> }[] = [];
  for (const statement of sf.statements) {
    if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    const [declaration, ...others] = statement.declarationList.declarations;
    if (!declaration || others.length > 0 || !ts.isIdentifier(declaration.name)) continue;
    const arrow = declaration.initializer;
    if (!arrow || !ts.isArrowFunction(arrow) || !ts.isBlock(arrow.body)) continue;
    const returned = arrow.body.statements.find(ts.isReturnStatement)?.expression;
    const name = declaration.name.text;
    if (!returned || operationOf(returned) !== name) continue;
    const call = returned as Typescript.CallExpression;
    const edits: Edit[] = [];
    const skip = new Set<Typescript.Node>();

    // React Query hands its query functions an AbortSignal as a last parameter,
    // which the request passes on as `signal`; plain functions take it in `options`.
    const signal = arrow.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === "signal");
    const config = call.arguments[0] as Typescript.ObjectLiteralExpression;
    const passed = config.properties.find((p) => ts.isShorthandPropertyAssignment(p) && p.name.text === "signal");
    if (signal || passed) {
      if (!signal || !passed) fail(`${name} has ${signal ? "a signal parameter it does not pass on" : "a signal it does not take"}`);
      const uses = identifiers(ts, arrow.body).filter((n) => n.text === "signal").length;
      if (uses !== 1) fail(`${name} uses its signal ${uses} times; only passing it to ${requester} is expected`);
      edits.push(removeElement(arrow.parameters, signal as Typescript.Node), removeElement(config.properties, passed as Typescript.Node));
      skip.add(signal as Typescript.Node).add(passed as Typescript.Node);
    }
    edits.push(...requesterTypeArguments(ts, statement, requester));
    functions.push({ name, statement, edits, skip });
  }
  if (functions.length === 0) fail(`no request function (export const x = (…) => { return ${requester}({… operation: 'x' …}) })`);
  const covered = new Set(functions.map((f) => f.name));
  const stray = requests.map(operationOf).filter((name) => name !== undefined && !covered.has(name));
  if (requests.length !== functions.length || stray.length > 0) {
    fail(
      `${requests.length} requests name their operation, ${functions.length} are request functions (not: ${stray.join(", ") || "a second request of one"})`,
    );
  }

  // The declarations of the file by name, for what the request functions refer to.
  const declared = new Map<string, Typescript.Statement>();
  for (const statement of sf.statements) for (const name of declaredNames(ts, statement)) declared.set(name, statement);

  // The names the kept statements use, and the local declarations they need (transitively).
  const used = new Set<string>();
  const kept = new Set<Typescript.Statement>(functions.map((f) => f.statement));
  const pending: Typescript.Node[] = functions.map((f) => f.statement);
  const skip = new Set(functions.flatMap((f) => [...f.skip]));
  while (pending.length > 0) {
    for (const { text } of identifiers(ts, pending.pop() as Typescript.Node, skip)) {
      if (used.has(text)) continue;
      used.add(text);
      const local = declared.get(text);
      if (local && !kept.has(local)) {
        kept.add(local);
        pending.push(local);
      }
    }
  }
  const locals = sf.statements.filter((s) => kept.has(s) && !functions.some((f) => f.statement === s));
  for (const local of locals) {
    if (ts.isVariableStatement(local) || ts.isFunctionDeclaration(local) || ts.isClassDeclaration(local)) {
      fail(`the request functions use ${declaredNames(ts, local).join(", ")}, code a functions file would have to copy`);
    }
  }

  // Their imports, less the specifiers nothing kept uses.
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  const imports: string[] = [];
  for (const statement of sf.statements.filter(ts.isImportDeclaration)) {
    const clause = statement.importClause;
    if (!clause || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const needed = importedNames(ts, statement).filter((name) => used.has(name));
    if (needed.length === 0) continue;
    const source = statement.moduleSpecifier.text;
    if (FORBIDDEN_SOURCES.test(source)) fail(`the request functions use ${needed.join(", ")} from '${source}'`);
    const bindings = clause.namedBindings;
    const named =
      bindings && ts.isNamedImports(bindings)
        ? ts.factory.updateNamedImports(
            bindings,
            bindings.elements.filter((e) => used.has(e.name.text)),
          )
        : bindings && used.has(bindings.name.text)
          ? bindings
          : undefined;
    const trimmed = ts.factory.updateImportDeclaration(
      statement,
      statement.modifiers,
      ts.factory.updateImportClause(
        clause,
        clause.isTypeOnly,
        clause.name && used.has(clause.name.text) ? clause.name : undefined,
        named && (!ts.isNamedImports(named) || named.elements.length > 0) ? named : undefined,
      ),
      statement.moduleSpecifier,
      statement.attributes,
    );
    imports.push(printer.printNode(ts.EmitHint.Unspecified, trimmed, sf));
  }

  const header = (ts.getLeadingCommentRanges(source, 0) ?? []).map((c) => source.slice(c.pos, c.end));
  const results = functions.map(({ name }) => `export type ${pascal(name)}Result = NonNullable<Awaited<ReturnType<typeof ${name}>>>`);
  const sections = [
    [...header, ...imports].join("\n"),
    ...locals.map((local) => textOf(local, requesterTypeArguments(ts, local, requester))),
    ...functions.map((f) => textOf(f.statement, f.edits)),
    results.join("\n"),
  ].filter((s) => s !== "");
  return { text: `${sections.join("\n\n")}\n`, functions: functions.map((f) => f.name) };
}

/**
 * `typeof xRequest<Response>` becomes `typeof xRequest`: tsup's declaration bundler
 * (rollup-plugin-dts 6.1.1) does not count a type named only in the type argument
 * of a `typeof` as used and drops its import (iceprod's published `/functions`
 * declarations once named an `EmptyResponse` they never imported). The options
 * type `SecondParameter<typeof xRequest>` does not depend on the argument.
 */
function requesterTypeArguments(ts: typeof Typescript, node: Typescript.Node, requester: string): Edit[] {
  const edits: Edit[] = [];
  const visit = (n: Typescript.Node) => {
    if (ts.isTypeQueryNode(n) && n.typeArguments && ts.isIdentifier(n.exprName) && n.exprName.text === requester) {
      edits.push({ start: n.exprName.end, end: n.end, text: "" });
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return edits;
}

/** The identifiers below `node` that refer to something (not property or parameter names), outside `skip`. */
function identifiers(ts: typeof Typescript, node: Typescript.Node, skip = new Set<Typescript.Node>()): Typescript.Identifier[] {
  const found: Typescript.Identifier[] = [];
  const visit = (n: Typescript.Node) => {
    if (skip.has(n)) return;
    if (ts.isIdentifier(n)) {
      const parent = n.parent;
      const isName =
        (ts.isPropertyAccessExpression(parent) && parent.name === n) ||
        (ts.isQualifiedName(parent) && parent.right === n) ||
        ((ts.isPropertyAssignment(parent) ||
          ts.isPropertySignature(parent) ||
          ts.isMethodSignature(parent) ||
          ts.isParameter(parent) ||
          ts.isVariableDeclaration(parent) ||
          ts.isTypeParameterDeclaration(parent) ||
          ts.isTypeAliasDeclaration(parent) ||
          ts.isBindingElement(parent)) &&
          parent.name === n);
      if (!isName) found.push(n);
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** The names a top-level statement declares. */
function declaredNames(ts: typeof Typescript, statement: Typescript.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  }
  if (
    (ts.isTypeAliasDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isEnumDeclaration(statement)) &&
    statement.name
  ) {
    return [statement.name.text];
  }
  return [];
}

/** The local names an import declaration binds. */
function importedNames(ts: typeof Typescript, statement: Typescript.ImportDeclaration): string[] {
  const clause = statement.importClause;
  if (!clause) return [];
  const bindings = clause.namedBindings;
  return [
    ...(clause.name ? [clause.name.text] : []),
    ...(bindings ? (ts.isNamedImports(bindings) ? bindings.elements.map((e) => e.name.text) : [bindings.name.text]) : []),
  ];
}

/**
 * Writes `functions/<tag>/<tag>.ts` for every tag file in `endpoints` (a folder per
 * tag, as orval's tags-split writes them); returns how many request functions they export.
 */
export async function writeFunctions(endpoints: string, functions: string, tags: string[], requester: string): Promise<number> {
  let count = 0;
  for (const tag of tags) {
    const from = path.join(endpoints, tag, `${tag}.ts`);
    const module = functionsModule(await readFile(from, "utf8"), { requester, file: path.relative(path.dirname(endpoints), from) });
    await mkdir(path.join(functions, tag), { recursive: true });
    await writeFile(path.join(functions, tag, `${tag}.ts`), module.text);
    count += module.functions.length;
  }
  return count;
}
