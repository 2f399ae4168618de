// Finishing step: the plain request functions of `@sciclients/<service>-client/functions`,
// taken from the React Query tag files orval wrote (src/generated/endpoints/<tag>/<tag>.ts)
// once their own finishing steps have run. orval writes the same request functions in
// its react-query and axios-functions output; a second orval run for the latter went
// over the whole spec again (0.25 to 0.7 s for data-manager, on the main thread), so
// instead each functions file keeps, from its tag file's syntax tree:
// - the header comment;
// - the request functions: `export const x = (…) => { … return <requester>({…, operation: 'x'}, options) }`,
//   with their comments, less the `signal` parameter React Query's hooks pass
//   (callers put `signal` in the request options, like any other axios option);
// - the local declarations they need (`SecondParameter`), and the import
//   specifiers they use (requester, `pathParameter`, `BodyType`, models, encoders);
// - a `XResult` type per function, as orval's axios-functions output had.
// It runs in the generator's second thread (generate/thread.ts), where TypeScript is loaded.
// The request functions are edited only at positions of the syntax tree; a tag file
// not shaped as expected fails generation instead of giving a functions file that
// lacks an operation or pulls React in.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type * as Typescript from "typescript";
import { askThread } from "../generate/thread.ts";
import { requireTool } from "../paths.ts";

// CommonJS, loaded with `require` when first needed (see paths.ts).
const typescript = () => requireTool("typescript") as typeof Typescript;

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
export function functionsModule(tagFile: string, { requester, file = "tag.ts" }: { requester: string; file?: string }): FunctionsModule {
  const ts = typescript();
  const fail = (message: string): never => {
    throw new Error(`functions: ${file}: ${message}`);
  };
  // Only the statements that may matter are parsed (see candidateStatements): `source` is their text.
  const { text: source, operations, dropped } = candidateStatements(ts, tagFile, requester);
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

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
  // Every request of the tag file names its operation (finish/endpoints.ts added the name): each must be a request function's.
  const covered = new Set(functions.map((f) => f.name));
  const stray = operations.filter((name) => !covered.has(name));
  if (operations.length !== functions.length || stray.length > 0) {
    fail(
      `${operations.length} requests name their operation, ${functions.length} are request functions (not: ${stray.join(", ") || "a second request of one"})`,
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
  // The tag file's other code (hooks, query keys) is not taken along: the request functions must not need it.
  const missing = [...used].filter((name) => dropped.has(name) && !declared.has(name));
  if (missing.length > 0) fail(`the request functions use ${missing.join(", ")}, code a functions file would have to copy`);
  const locals = sf.statements.filter((s) => kept.has(s) && !functions.some((f) => f.statement === s));

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
  const typeNames = resultTypeNames(ts, sf);
  const results = functions.map(({ name }) => {
    const prefix =
      typeNames.get(name) ?? fail(`no …QueryResult or …MutationResult type of ${name} to take the name of its Result type from`);
    return `export type ${prefix}Result = NonNullable<Awaited<ReturnType<typeof ${name}>>>`;
  });
  const sections = [
    [...header, ...imports].join("\n"),
    ...locals.map((local) => textOf(local, requesterTypeArguments(ts, local, requester))),
    ...functions.map((f) => textOf(f.statement, f.edits)),
    results.join("\n"),
  ].filter((s) => s !== "");
  return { text: `${sections.join("\n\n")}\n`, functions: functions.map((f) => f.name) };
}

/**
 * The statements of a tag file that a functions file may take, found with
 * TypeScript's scanner (its tokens, not lines: strings, templates and comments
 * are single tokens): the imports, the type aliases, and the `export const`
 * functions that return a call of the requester. The hooks, most of a tag file,
 * are left unparsed: parsing all of a service's tag files cost more than the
 * second orval run this step replaces. Also: the operation of every request
 * (`operation: '…'`), and the names the left-out statements declare.
 * The loop looks at token kinds, and at the text of identifiers only: it runs
 * for every token of the file.
 */
function candidateStatements(
  ts: typeof Typescript,
  source: string,
  requester: string,
): { text: string; operations: string[]; dropped: Set<string> } {
  const { SyntaxKind: Kind } = ts;
  // Keywords that start a top-level statement of orval's tag files, when they start a line.
  const starters = new Set([
    Kind.ImportKeyword,
    Kind.ExportKeyword,
    Kind.TypeKeyword,
    Kind.ConstKeyword,
    Kind.LetKeyword,
    Kind.VarKeyword,
    Kind.FunctionKeyword,
    Kind.AsyncKeyword,
    Kind.InterfaceKeyword,
    Kind.ClassKeyword,
    Kind.EnumKeyword,
    Kind.DeclareKeyword,
  ]);
  // Tokens after which a `/` divides; elsewhere it starts a regular expression.
  const operands = new Set([
    Kind.Identifier,
    Kind.CloseParenToken,
    Kind.CloseBracketToken,
    Kind.CloseBraceToken,
    Kind.NumericLiteral,
    Kind.BigIntLiteral,
    Kind.StringLiteral,
    Kind.RegularExpressionLiteral,
    Kind.NoSubstitutionTemplateLiteral,
    Kind.TemplateTail,
    Kind.ThisKeyword,
    Kind.SuperKeyword,
    Kind.TrueKeyword,
    Kind.FalseKeyword,
    Kind.NullKeyword,
  ]);
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source);
  // Open brackets and template literals; a statement starts only where none is open.
  const open: Typescript.SyntaxKind[] = [];
  // Each statement's start (with its comments), first two tokens, first name, and whether it returns a request.
  const statements: { start: number; head: Typescript.SyntaxKind[]; name?: string; request: boolean }[] = [];
  let current: (typeof statements)[number] | undefined;
  const operations: string[] = [];
  // The two tokens before, and whether the one before `:` was the identifier `operation`.
  let previous = Kind.Unknown;
  let beforePrevious = Kind.Unknown;
  let operationKey = false;
  for (let kind = scanner.scan(); kind !== Kind.EndOfFileToken; kind = scanner.scan()) {
    if ((kind === Kind.SlashToken || kind === Kind.SlashEqualsToken) && !operands.has(previous)) kind = scanner.reScanSlashToken();
    if (kind === Kind.CloseBraceToken && open[open.length - 1] === Kind.TemplateHead) {
      kind = scanner.reScanTemplateToken(false);
      if (kind === Kind.TemplateTail) open.pop();
    } else if (
      kind === Kind.OpenBraceToken ||
      kind === Kind.OpenParenToken ||
      kind === Kind.OpenBracketToken ||
      kind === Kind.TemplateHead
    ) {
      open.push(kind);
    } else if (kind === Kind.CloseBraceToken || kind === Kind.CloseParenToken || kind === Kind.CloseBracketToken) {
      open.pop();
    }
    if (open.length === 0 && starters.has(kind) && (!current || scanner.hasPrecedingLineBreak())) {
      // Its comments belong to it: the statement runs from where the previous token ended (the first from the file's start).
      current = { start: current ? scanner.getTokenFullStart() : 0, head: [kind], request: false };
      statements.push(current);
    } else if (current) {
      if (current.head.length < 2) current.head.push(kind);
      if (kind === Kind.Identifier) {
        const name = scanner.getTokenValue();
        if (current.name === undefined && open.length === 0) current.name = name;
        if (previous === Kind.ReturnKeyword && name === requester) current.request = true;
        operationKey = name === "operation";
      } else if (
        (kind === Kind.StringLiteral || kind === Kind.NoSubstitutionTemplateLiteral) &&
        previous === Kind.ColonToken &&
        beforePrevious === Kind.Identifier &&
        operationKey
      ) {
        operations.push(scanner.getTokenValue());
      }
    }
    beforePrevious = previous;
    previous = kind;
  }
  const kept: string[] = [];
  const dropped = new Set<string>();
  statements.forEach((statement, index) => {
    const [first, second] = statement.head;
    const keep =
      first === Kind.ImportKeyword ||
      first === Kind.TypeKeyword ||
      (first === Kind.ExportKeyword && (second === Kind.TypeKeyword || (second === Kind.ConstKeyword && statement.request)));
    if (keep) kept.push(source.slice(statement.start, statements[index + 1]?.start ?? source.length));
    else if (statement.name !== undefined) dropped.add(statement.name);
  });
  return { text: kept.join(""), operations, dropped };
}

/**
 * The Result type names of the request functions, as orval writes them:
 * `pascal(operationName)` and `Result`. The tag file has that name already, in
 * the types of its hooks' answers (`GetTagsQueryResult`, `PutTagsMutationResult`,
 * also `GetTagsSuspenseQueryResult`: the shortest is the operation's), so
 * @orval/core (about 0.9 s to load) is not needed where this step runs.
 */
function resultTypeNames(ts: typeof Typescript, sf: Typescript.SourceFile): Map<string, string> {
  const names = new Map<string, string>();
  /** `Name<inner>`: inner, when `node` is a reference to `name` with one type argument. */
  const argumentOf = (node: Typescript.TypeNode | undefined, name: string) =>
    node &&
    ts.isTypeReferenceNode(node) &&
    ts.isIdentifier(node.typeName) &&
    node.typeName.text === name &&
    node.typeArguments?.length === 1
      ? node.typeArguments[0]
      : undefined;
  for (const statement of sf.statements) {
    if (!ts.isTypeAliasDeclaration(statement)) continue;
    const prefix = /^(\w+?)(?:Query|Mutation)Result$/.exec(statement.name.text)?.[1];
    // NonNullable<Awaited<ReturnType<typeof x>>>
    const query = argumentOf(argumentOf(argumentOf(statement.type, "NonNullable"), "Awaited"), "ReturnType");
    if (!prefix || !query || !ts.isTypeQueryNode(query) || !ts.isIdentifier(query.exprName)) continue;
    const known = names.get(query.exprName.text);
    if (known === undefined || prefix.length < known.length) names.set(query.exprName.text, prefix);
  }
  return names;
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

/** writeFunctions in the generator's second thread (generate/thread.ts), beside the main thread's finishing steps. */
export async function writeFunctionsInThread(endpoints: string, functions: string, tags: string[], requester: string): Promise<number> {
  return Number(await askThread({ kind: "functions", endpoints, functions, tags, requester }, `functions: ${endpoints}`));
}

/**
 * Writes `functions/<tag>/<tag>.ts` for every tag file in `endpoints` (a folder per
 * tag, as orval's tags-split writes them); returns how many request functions they export.
 */
export async function writeFunctions(endpoints: string, functions: string, tags: string[], requester: string): Promise<number> {
  let count = 0;
  for (const tag of tags) {
    const from = path.join(endpoints, tag, `${tag}.ts`);
    // Synchronous: the thread has nothing else to do meanwhile, and each await was a round trip through the thread pool.
    const module = functionsModule(readFileSync(from, "utf8"), { requester, file: path.relative(path.dirname(endpoints), from) });
    mkdirSync(path.join(functions, tag), { recursive: true });
    writeFileSync(path.join(functions, tag, `${tag}.ts`), module.text);
    count += module.functions.length;
  }
  return count;
}
