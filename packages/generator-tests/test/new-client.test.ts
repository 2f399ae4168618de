// `new-client` end to end in a temporary copy of the workspace: each messy
// fixture (one served over HTTP) becomes a package whose code type-checks
// strictly and whose smoke test passes; its manifest entry, turbo inputs and
// preparation report are written; an invalid document changes nothing.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { makeWorkspace, repoRoot, run } from "../lib/workspace.mjs";

const fixtures = path.join(import.meta.dirname, "../fixtures");
const ws = makeWorkspace();
let server: Server;
let baseUrl = "";

beforeAll(async () => {
  // A local server for the spec given as a URL.
  server = createServer((req, res) => {
    const file = path.join(fixtures, path.basename(req.url ?? ""));
    if (!existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": "application/yaml" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  ws.dispose();
});

const manifest = () =>
  parse(readFileSync(path.join(ws.dir, "specs/services.yaml"), "utf8")) as { services: Record<string, Record<string, unknown>> };
const report = (name: string) =>
  JSON.parse(readFileSync(path.join(ws.pkg(name), "src/generated/prepare-report.json"), "utf8")) as {
    format: string;
    changes: { fix: string }[];
    minimalMocks: string[];
  };

describe("new-client on messy documents", () => {
  // name, spec, where it is copied, fixes the preparation must make, extra new-client arguments
  const clients: [string, () => string, string, string[], string[]][] = [
    ["shelter", () => `${baseUrl}/swagger2-forms.yaml`, "specs/shelter.yaml", ["swagger2", "operation-id", "default"], []],
    ["messy", () => path.join(fixtures, "messy-names.yaml"), "specs/messy.yaml", ["info", "deep-ref", "operation-id", "schema-name"], []],
    [
      "values",
      () => path.join(fixtures, "values.yaml"),
      "specs/values.yaml",
      ["form-body", "enum", "default", "path-parameter"],
      ["--operations-test"],
    ],
    ["mocky", () => path.join(fixtures, "broken-mock.yaml"), "specs/mocky.yaml", [], []],
  ];

  it.each(clients)("scaffolds %s", async (name, spec, specFile, fixes, args) => {
    const created = await ws.newClient(name, spec(), args);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain(`@sciclients/${name}-client is ready`);
    const entry = manifest().services[name];
    expect(entry).toMatchObject({
      spec: specFile,
      package: `@sciclients/${name}-client`,
      directory: `packages/${name}-client`,
      queryKeyPrefix: name,
    });
    // The spec is copied as it was; the package's turbo inputs name it.
    expect(existsSync(path.join(ws.dir, specFile))).toBe(true);
    const turbo = JSON.parse(readFileSync(path.join(ws.pkg(name), "turbo.json"), "utf8"));
    expect(turbo.tasks.generate.inputs).toContain(`$TURBO_ROOT$/${specFile}`);
    const kinds = new Set(report(name).changes.map((c) => c.fix));
    for (const fix of fixes) expect(kinds, fix).toContain(fix);
    ws.link(name);
  });

  it("gives the operation whose faker mock does not compile a minimal typed mock, and records it", () => {
    expect(manifest().services.mocky?.minimalMocks).toEqual(["listCodes"]);
    expect(report("mocky").minimalMocks).toEqual(["listCodes"]);
    const mock = readFileSync(path.join(ws.pkg("mocky"), "src/generated/endpoints/default/default.msw.ts"), "utf8");
    expect(mock).toMatch(/export const getListCodesResponseMock = \(\): ListCodes200 => \(\{\}\) as unknown as ListCodes200/);
  });

  it("every new package type-checks strictly", async () => {
    // One program for the four packages: the same strict settings, one start-up.
    const tsconfig = path.join(ws.dir, "tsconfig.all.json");
    const include = clients.flatMap(([name]) => [`packages/${name}-client/src`, `packages/${name}-client/test`]);
    await import("node:fs").then((fs) =>
      fs.writeFileSync(
        tsconfig,
        JSON.stringify({ extends: "./tsconfig.base.json", compilerOptions: { types: ["node", "vite/client"] }, include }),
      ),
    );
    const checked = await run(path.join(repoRoot, "node_modules/.bin/tsc"), ["--noEmit", "-p", tsconfig], { cwd: ws.dir });
    expect(checked.stdout).toBe("");
    expect(checked.code).toBe(0);
  });

  const testOutput = new Map<string, string>();
  it.each(clients.map(([name]) => name))("the smoke test of %s passes", async (name) => {
    const tested = await ws.test(name);
    testOutput.set(name, tested.stdout + tested.stderr);
    expect(tested.stdout + tested.stderr).toMatch(/Tests\s+\d+ passed/);
    expect(tested.code).toBe(0);
  });

  it("--operations-test adds a test calling every operation through both entries (run with the smoke test above)", () => {
    const test = readFileSync(path.join(ws.pkg("values"), "test/operations.test.ts"), "utf8");
    expect(test).toContain("describeEveryOperation(");
    const output = testOutput.get("values") ?? "";
    expect(output).toMatch(/Test Files\s+2 passed/);
    // Per entry: one test per operation, plus "has operations" and "none left without a call".
    const operations = Object.values(JSON.parse(readFileSync(path.join(ws.pkg("values"), "src/generated/openapi.json"), "utf8")).paths)
      .flatMap((item) => Object.keys(item as object))
      .filter((key) => ["get", "put", "post", "delete", "patch", "head", "options", "trace"].includes(key)).length;
    const smoke = readFileSync(path.join(ws.pkg("values"), "test/smoke.test.ts"), "utf8").match(/\bit(\.each)?\(/g)?.length ?? 0;
    expect(operations).toBeGreaterThan(0);
    expect(Number(/Tests\s+(\d+) passed/.exec(output)?.[1])).toBeGreaterThanOrEqual(2 * (operations + 2) + smoke);
  });

  it("regenerating from the manifest gives the same code (minimal mocks included); unchanged services are skipped", async () => {
    const mockFile = path.join(ws.pkg("mocky"), "src/generated/endpoints/default/default.msw.ts");
    const before = readFileSync(mockFile, "utf8");
    const generate = (...args: string[]) => run(process.execPath, [path.join(ws.dir, "scripts/generate.mjs"), ...args], { cwd: ws.dir });
    const again = await generate("mocky", "messy", "--force");
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(mockFile, "utf8")).toBe(before);
    // Nothing changed since: both are skipped.
    const skipped = await generate("mocky", "messy");
    expect(skipped.stdout).toContain("@sciclients/mocky-client is up to date");
    expect(skipped.stdout).toContain("@sciclients/messy-client is up to date");
    // A hand edit of generated code is undone by the next run.
    writeFileSync(mockFile, `${before}// edited by hand\n`);
    const undone = await generate("mocky");
    expect(undone.stdout).toContain("generated @sciclients/mocky-client");
    expect(readFileSync(mockFile, "utf8")).toBe(before);
  });
});

describe("new-client on a document it cannot use", () => {
  it("fails naming the file, the pointer and the reason, and writes nothing", async () => {
    const before = readFileSync(path.join(ws.dir, "specs/services.yaml"), "utf8");
    const spec = path.join(fixtures, "invalid/unresolved-ref.yaml");
    const failed = await ws.newClient("broken", spec);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      `Invalid spec: ${spec}#/paths/~1things/get/responses/200/content/application~1json/schema/$ref: unresolved reference #/components/schemas/Thing`,
    );
    expect(readFileSync(path.join(ws.dir, "specs/services.yaml"), "utf8")).toBe(before);
    expect(existsSync(ws.pkg("broken"))).toBe(false);
    expect(existsSync(path.join(ws.dir, "specs/broken.yaml"))).toBe(false);
  });

  it("a bad name or an unknown option is a usage error (exit 2, the usage text), and --help prints it", async () => {
    const badName = await ws.newClient("Bad_Name", path.join(fixtures, "values.yaml"));
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('new-client: "Bad_Name" is not a valid name (lower-case letters, digits and dashes)');
    expect(badName.stderr).toContain("Usage: pnpm new-client <name> --spec <path-or-url> [options]");
    const unknown = await ws.newClient("fine", path.join(fixtures, "values.yaml"), ["--operation-test"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^new-client: Unknown option '--operation-test'/);
    expect(existsSync(ws.pkg("fine"))).toBe(false);
    const help = await ws.newClient("any", "x", ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--operations-test      add a test calling every operation through both entries");
  });

  it("fails on a URL that does not answer with a document", async () => {
    const failed = await ws.newClient("missing", `${baseUrl}/nothing-here.yaml`);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`${baseUrl}/nothing-here.yaml: download failed: HTTP 404`);
    expect(existsSync(ws.pkg("missing"))).toBe(false);
  });
});
