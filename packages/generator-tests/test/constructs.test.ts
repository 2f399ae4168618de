// Constructs met in public OpenAPI documents that once made a generated client
// fail to compile, each in a small fixture (fixtures/constructs/*.yaml): the
// real pipeline (`new-client` in a temporary workspace) must write a package
// that type-checks strictly as a whole (src, test and config files), without
// the symptom the construct used to cause. A document the generator cannot
// yet make a compiling client of makes new-client fail, naming file and line.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace, type RunResult, repoRoot, run } from "../lib/workspace.mjs";

const fixtures = path.join(import.meta.dirname, "../fixtures");
const ws = makeWorkspace("sciclients-constructs-");
afterAll(() => ws.dispose());

type Report = {
  changes: { fix: string; pointer: string; message: string }[];
  minimalMocks: string[];
  oversizedMocks?: { operationId: string; pointer: string }[];
};
const read = (name: string, file: string) => readFileSync(path.join(ws.pkg(name), file), "utf8");
const report = (name: string) => JSON.parse(read(name, "src/generated/prepare-report.json")) as Report;
const fixesOf = (name: string, fix: string) => report(name).changes.filter((c) => c.fix === fix);

/** Each construct: its fixture, and what shows its symptom is gone in the package generated from it. */
const constructs: Record<string, (name: string) => void> = {
  // (a) A schema `Index` would be written to model/index.ts, over the barrel: the
  // mocks then imported types (IndexMetric…) the model no longer exported.
  "index-schema": (name) => {
    expect(fixesOf(name, "schema-name").map((c) => c.message)).toEqual([
      '"Index" would be written to model/index.ts, over the model barrel: renamed "IndexSchema"',
      '"index" would be written to model/index.ts, over the model barrel: renamed "IndexSchema2"',
    ]);
    // model/index.ts is the barrel, listing every other model file.
    const barrel = read(name, "src/generated/model/index.ts");
    const exported = [...barrel.matchAll(/export \* from '\.\/(\w+)'/g)].map((m) => m[1]);
    const files = readdirSync(path.join(ws.pkg(name), "src/generated/model")).filter((f) => f !== "index.ts");
    expect(exported.map((f) => `${f}.ts`).sort()).toEqual(files.sort());
    expect(exported).toEqual(expect.arrayContaining(["indexSchema", "indexSchemaMetric", "indexSchema2", "indexSchema2Kind"]));
    // Every type the mocks import from the model is exported by a file the barrel lists.
    const mock = read(name, "src/generated/endpoints/default/default.msw.ts");
    const imported = (/import type \{([^}]*)\} from '\.\.\/\.\.\/model'/.exec(mock)?.[1] ?? "").split(",").map((n) => n.trim());
    expect(imported).toEqual(["IndexSchema", "IndexSchema2"]);
    const models = exported.map((file) => read(name, `src/generated/model/${file}.ts`)).join("\n");
    for (const type of imported) expect(models, type).toMatch(new RegExp(`export (type|const|interface) ${type}\\b`));
  },
  // (b) A text answer that may be empty: orval typed its handler `string | void`, which HttpResponse refuses.
  "text-optional-body": (name) => {
    const mock = read(name, "src/generated/endpoints/default/default.msw.ts");
    expect(mock).toContain("export const getGetStatusResponseMock = (): string | undefined => ");
    expect(mock).toMatch(/export const getGetStatusMockHandler = \(overrideResponse\?: string \| undefined \| \(\(info/);
    expect(mock).not.toMatch(/\bvoid\b/);
    // Its faker mock compiles as it is: no minimal mock stands in for it.
    expect(report(name).minimalMocks).toEqual([]);
  },
  // (c) Two path parameters that are one identifier once camelCased: an object literal with two `userId` keys.
  "parameter-collision": (name) => {
    expect(fixesOf(name, "parameter-name").map((c) => c.message)).toEqual([
      'path parameters "user_id" and another are one identifier: "user_id" renamed "userId2"',
    ]);
    const fn = read(name, "src/generated/functions/default/default.ts");
    expect(fn).toMatch(/export const getUserItem = \(\s*userId: string,\s*userId2: number,/);
    // The URL is the one the spec declares: both values in their places, each encoded.
    expect(fn).toContain(`url: \`/users/\${pathParameter(userId, "userId")}/items/\${pathParameter(userId2, "userId2")}\``);
  },
  // (d) Schemas that are only references to themselves: both generators wrote `type X = X`.
  "self-alias": (name) => {
    // `Node` is renamed first (a global type name), then its loop is closed.
    expect(fixesOf(name, "alias-cycle").map((c) => c.pointer)).toEqual(["/components/schemas/NodeSchema", "/components/schemas/Pong"]);
    const schema = read(name, "src/generated/schema.ts");
    expect(schema).not.toMatch(/\b(\w+): components\["schemas"\]\["\1"\]/);
    expect(schema).toContain("NodeSchema: unknown;");
    expect(read(name, "src/generated/model/nodeSchema.ts")).not.toMatch(/export type NodeSchema = NodeSchema\b/);
  },
  // (e) An allOf requiring keys no member declares: orval wrote Pick<Member, 'amount'>, which is no key of Member.
  "allof-required": (name) => {
    expect(fixesOf(name, "allof-required").map((c) => c.message)).toEqual([
      'required "amount", "merchant" declared by no allOf member: dropped',
    ]);
    const model = read(name, "src/generated/model/payment.ts");
    expect(model).not.toMatch(/'amount'|'merchant'/);
    expect(model).toContain("export type Payment = Base & PaymentAllOf & Required<Pick<Base & PaymentAllOf, 'id'>>;");
  },
  // (f) A minimal mock whose faker helper spans several lines: the helper was rewritten line by line, leaving a syntax error.
  "multiline-mock": (name) => {
    expect(report(name).minimalMocks).toEqual(["listThings"]);
    const mock = read(name, "src/generated/endpoints/default/default.msw.ts");
    expect(mock).toContain(
      "export const getListThingsResponseThingMock = (overrideResponse: Partial<Thing> = {}): Thing => ({ ...(overrideResponse as object) }) as unknown as Thing;",
    );
    // Nothing of the old multi-line body is left behind.
    expect(mock).not.toContain("[faker.string.alphanumeric(5)]");
  },
  // (g) Tags that start with something other than a letter: a folder `-oracle`, and names that were no identifiers.
  "tag-names": (name) => {
    expect(readdirSync(path.join(ws.pkg(name), "src/generated/endpoints")).sort()).toEqual(["oracle", "oracle2", "tag-2fa"]);
    const exports = JSON.parse(read(name, "package.json")).exports as Record<string, unknown>;
    for (const entry of ["./oracle", "./oracle2", "./tag-2fa"]) expect(Object.keys(exports)).toContain(entry);
    expect(fixesOf(name, "tag").map((c) => c.message)).toEqual([
      'tag "_oracle" does not start with a letter: renamed "oracle"',
      'tag "2fa" does not start with a letter: renamed "tag-2fa"',
      'tag "-oracle" does not start with a letter: renamed "oracle2"',
    ]);
  },
  // A text/plain answer of `format: binary` is bytes: it asked for both responseType 'blob' and 'text'.
  "binary-text": (name) => {
    for (const file of ["src/generated/functions/default/default.ts", "src/generated/endpoints/default/default.ts"]) {
      const code = read(name, file);
      const request = (operation: string) => new RegExp(`operation: '${operation}'[^}]*`).exec(code)?.[0] ?? "";
      expect(request("downloadReport").match(/responseType/g)).toHaveLength(1);
      expect(request("downloadReport")).toContain("responseType: 'blob'");
      expect(request("putNote")).toContain("responseType: 'text'");
    }
  },
  // Schemas that all refer to each other: orval's faker mock of an answer inlines every path
  // through them and failed with "RangeError: Invalid string length" before writing anything.
  "mesh-mock": (name) => {
    expect(report(name).oversizedMocks).toEqual([{ operationId: "getChart", pointer: "/paths/~1charts~1{id}/get" }]);
    expect(created.get(name)?.stdout).toContain(
      "mesh-mock: minimal mocks for getChart: their faker mocks would inline more than 50,000 schema nodes",
    );
    const mock = read(name, "src/generated/endpoints/default/default.msw.ts");
    expect(mock).toContain("export const getGetChartResponseMock = (): Part0 => ({}) as unknown as Part0");
    expect(mock).toContain("faker.datatype.boolean()"); // getStatus keeps its faker mock
    expect(mock.length).toBeLessThan(20_000);
  },
  // A schema named like the `…Result` type orval derives from an operation (`search` → SearchResult).
  "result-clash": (name) => {
    const renamed = fixesOf(name, "schema-name").map((c) => c.message);
    expect(renamed).toEqual(
      expect.arrayContaining([expect.stringMatching(/^"SearchResult" collides with a type generated for an operation or component/)]),
    );
    const fn = read(name, "src/generated/functions/search/search.ts");
    expect(fn.match(/export type SearchResult = /g)).toHaveLength(1);
    expect(readdirSync(path.join(ws.pkg(name), "src/generated/model"))).not.toContain("searchResult.ts");
  },
};
const names = Object.keys(constructs);

const created = new Map<string, RunResult>();
let typecheck: RunResult;

beforeAll(async () => {
  for (const name of names) {
    created.set(name, await ws.newClient(name, path.join(fixtures, "constructs", `${name}.yaml`)));
    ws.link(name);
  }
  // One strict program for every package (src, test and config files): one start-up instead of one per package.
  const tsconfig = path.join(ws.dir, "tsconfig.constructs.json");
  const include = names.flatMap((name) => [`packages/${name}-client/src`, `packages/${name}-client/test`, `packages/${name}-client/*.ts`]);
  writeFileSync(
    tsconfig,
    JSON.stringify({ extends: "./tsconfig.base.json", compilerOptions: { types: ["node", "vite/client"] }, include }),
  );
  typecheck = await run(path.join(repoRoot, "node_modules/.bin/tsc"), ["--noEmit", "-p", tsconfig], { cwd: ws.dir });
}, 1_800_000);

describe("new-client on constructs that broke generated clients", () => {
  it.each(names)("%s: generates, type-checks strictly as a whole, and the symptom is gone", (name) => {
    const result = created.get(name);
    expect(result?.code, result?.stderr).toBe(0);
    expect(result?.stdout).toContain(`@sciclients/${name}-client is ready in packages/${name}-client, type-checked strictly`);
    const errors = typecheck.stdout.split("\n").filter((line) => line.startsWith(`packages/${name}-client/`));
    expect(errors).toEqual([]);
    expect(existsSync(path.join(ws.pkg(name), "tsup.config.ts"))).toBe(true);
    constructs[name]?.(name);
  });

  it("the strict type-check covered every package and found nothing", () => {
    expect(typecheck.stdout).toBe("");
    expect(typecheck.code).toBe(0);
  });
});

describe("new-client on a document whose client does not type-check", () => {
  it("fails naming each error's file, line and column, and does not report the package ready", async () => {
    const failed = await ws.newClient("unavoidable", path.join(fixtures, "unavoidable/options-parameter.yaml"));
    expect(failed.code).toBe(1);
    expect(failed.stdout).not.toContain("is ready");
    expect(failed.stderr).toContain("The generated code of @sciclients/unavoidable-client has type errors the generator could not avoid:");
    expect(failed.stderr).toMatch(
      /packages\/unavoidable-client\/src\/generated\/endpoints\/default\/default\.ts\(\d+,\d+\): error TS2300: Duplicate identifier 'options'\./,
    );
    expect(failed.stderr).toContain("@sciclients/unavoidable-client was written to packages/unavoidable-client but is not ready");
  });

  it("--skip-mock-check says exactly what it did not check", async () => {
    const skipped = await ws.newClient("unchecked", path.join(fixtures, "unavoidable/options-parameter.yaml"), ["--skip-mock-check"]);
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stdout).toContain(
      "Not type-checked (--skip-mock-check): packages/unchecked-client (src, test and config files, as its tsconfig.json lists them); no minimal mocks.",
    );
    expect(skipped.stdout).toContain("@sciclients/unchecked-client is ready in packages/unchecked-client (not type-checked)");
  });
});
