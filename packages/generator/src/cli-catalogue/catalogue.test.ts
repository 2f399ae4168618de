// The command line's catalogue (cli-catalogue/catalogue.ts): a run under the launcher
// skips a service whose document and catalogue file are untouched, yet a hand edit of
// the catalogue file or a new document is still written over.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { demoService } from "../testing/demo-service.ts";
import { writeCliCatalogue } from "./catalogue.ts";

const root = mkdtempSync(path.join(tmpdir(), "sciclients-catalogue-"));
const service = demoService();
const documentFile = path.join(root, "packages/demo-client/src/generated/openapi.json");
const catalogueFile = path.join(root, "packages/cli/src/generated/demo.json");
const documentWith = (...ids: string[]) =>
  JSON.stringify({
    openapi: "3.0.3",
    paths: Object.fromEntries(ids.map((id) => [`/${id}`, { get: { operationId: id, responses: { "200": { description: "ok" } } } }])),
  });

mkdirSync(path.dirname(documentFile), { recursive: true });
mkdirSync(path.join(root, "packages/cli"), { recursive: true });
const previous = process.env.SCICLIENTS_GENERATOR_BUNDLE;
afterEach(() => {
  if (previous === undefined) delete process.env.SCICLIENTS_GENERATOR_BUNDLE;
  else process.env.SCICLIENTS_GENERATOR_BUNDLE = previous;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("cli-catalogue", () => {
  it("keeps an untouched catalogue, and writes over a hand edit or a changed document", async () => {
    process.env.SCICLIENTS_GENERATOR_BUNDLE = "bundle-1";
    writeFileSync(documentFile, documentWith("getA", "getB"));
    expect(await writeCliCatalogue(root, [service])).toBe(2);
    const made = readFileSync(catalogueFile, "utf8");
    // A whole second, which utimes sets exactly; then the record is made again with it.
    const fixed = new Date("2026-01-01T00:00:00Z");
    utimesSync(catalogueFile, fixed, fixed);
    await writeCliCatalogue(root, [service]);
    expect(JSON.parse(made).operations.map((o: { id: string }) => o.id)).toEqual(["getA", "getB"]);
    // Untouched: the count comes from the record.
    expect(await writeCliCatalogue(root, [service])).toBe(2);

    // A hand edit that keeps the size and modification time is still undone.
    const before = statSync(catalogueFile, { bigint: true });
    writeFileSync(catalogueFile, made.replace('"getA"', '"getX"'));
    utimesSync(catalogueFile, fixed, fixed);
    const after = statSync(catalogueFile, { bigint: true });
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
    await writeCliCatalogue(root, [service]);
    expect(readFileSync(catalogueFile, "utf8")).toBe(made);

    // Touched only: taken from the record, whose metadata is renewed.
    const recordDir = path.join(root, "node_modules/.cache/sciclients-generate");
    const recordText = () => readFileSync(path.join(recordDir, readdirSync(recordDir)[0] ?? ""), "utf8");
    const recorded = recordText();
    const later = new Date(Date.now() + 5_000);
    utimesSync(documentFile, later, later);
    expect(await writeCliCatalogue(root, [service])).toBe(2);
    expect(recordText()).not.toBe(recorded);
    expect(readFileSync(catalogueFile, "utf8")).toBe(made);

    writeFileSync(documentFile, documentWith("getA", "getB", "getC"));
    expect(await writeCliCatalogue(root, [service])).toBe(3);
    expect(JSON.parse(readFileSync(catalogueFile, "utf8")).operations).toHaveLength(3);
  });

  it("makes the catalogue again under other code or another manifest entry", async () => {
    process.env.SCICLIENTS_GENERATOR_BUNDLE = "bundle-1";
    writeFileSync(documentFile, documentWith("getA"));
    await writeCliCatalogue(root, [service]);
    const title = (t: string) => JSON.parse(readFileSync(catalogueFile, "utf8")).title === t;
    await writeCliCatalogue(root, [{ ...service, title: "Renamed" }]);
    expect(title("Renamed")).toBe(true);

    // Hand edit, then a run under another bundle: the record of the first does not count.
    writeFileSync(catalogueFile, readFileSync(catalogueFile, "utf8").replace("Renamed", "Edited!"));
    process.env.SCICLIENTS_GENERATOR_BUNDLE = "bundle-2";
    await writeCliCatalogue(root, [{ ...service, title: "Renamed" }]);
    expect(title("Renamed")).toBe(true);

    // Without the launcher (tests running the sources), the documents are always read.
    delete process.env.SCICLIENTS_GENERATOR_BUNDLE;
    writeFileSync(catalogueFile, "{}\n");
    await writeCliCatalogue(root, [{ ...service, title: "Renamed" }]);
    expect(title("Renamed")).toBe(true);
  });
});
