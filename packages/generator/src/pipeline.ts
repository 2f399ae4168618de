// The generator's pipeline for one service, in the order it runs:
//
//   read     the spec (YAML or JSON; Swagger 2.0 converted)          read/document.ts
//   prepare  one fix after another, each recorded in the report       prepare/fixes.ts, prepare/fixes/
//   generate orval (hooks, mocks, models) beside openapi-typescript  generate/
//   finish   named edits of orval's output; the plain functions       finish/
//            taken from its hooks files (finish/functions.ts)
//   write    the modules and indexes around it, the exports, report   write/
//
// `pnpm generate` (src/commands/generate.ts) runs it for every service whose
// inputs changed; `pnpm new-client` runs it for a new one.
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { jsonResponseOperations, textResponseOperations } from "./finish/answers.ts";
import { rewriteEndpoints } from "./finish/endpoints.ts";
import { writeFunctionsInThread } from "./finish/functions.ts";
import { checkedInfiniteOperations, unlistedPaginatedOperations } from "./finish/infinite.ts";
import { finishMockFiles } from "./finish/mock-files.ts";
import { runOrval } from "./generate/orval.ts";
import { renderSchemaModule } from "./generate/schema.ts";
import { startThread } from "./generate/thread.ts";
import { serviceBindings } from "./manifest/services.ts";
import { repoRoot as root } from "./paths.ts";
import { MOCK_NODE_LIMIT, oversizedMocks } from "./prepare/mock-size.ts";
import { reservedNames } from "./prepare/mocks.ts";
import type { Prepared, PrepareReport, Service } from "./types.ts";
import { writeExports } from "./write/exports.ts";
import { writeHttpModule } from "./write/glue.ts";
import { endpointTags, writeFunctionsIndex, writeMocksIndex } from "./write/indexes.ts";
import { writeValidation } from "./write/validation.ts";

/** Read and prepare: the spec of a service, ready for generation (see prepare/document.ts). */
export async function prepareService(service: Service): Promise<Prepared> {
  // Loaded on first use: `pnpm generate` with nothing to do never needs the YAML parsers.
  const { prepareDocument } = await import("./prepare/document.ts");
  return prepareDocument(path.join(root, service.spec), { label: service.spec, reserved: reservedNames(service) });
}

/**
 * Generates one service's code. `prepared` (from prepareService) saves reading
 * the spec again; the prepared document and the report of what the preparation
 * changed are written beside the code (src/generated/openapi.json, prepare-report.json).
 */
export async function generateService(listed: Service, prepared?: Prepared): Promise<{ report: PrepareReport; tags: string[] }> {
  const pkgDir = path.join(root, listed.directory);
  const started = performance.now();

  // The second thread loads TypeScript meanwhile (generate/thread.ts).
  startThread();

  // Read, prepare.
  const { document, report } = prepared ?? (await prepareService(listed));
  const oversized = oversizedMocks(document);
  const service: Service = oversized.length > 0 ? { ...listed, oversizedMocks: oversized.map((o) => o.operationId) } : listed;

  // Generate: openapi-typescript runs in the second thread meanwhile (generate/thread.ts), on the second core.
  const schema = renderSchemaModule(service, document);
  schema.catch(() => {}); // awaited below; orval failing first must not leave it unhandled
  await rm(path.join(pkgDir, "src/generated"), { recursive: true, force: true });
  // orval's output imports the requester, encoders and mutation glue: they come first.
  await writeHttpModule(service, pkgDir);
  await runOrval(service, document);

  // Finish: the named edits of orval's output (finish/*.ts).
  const endpoints = path.join(pkgDir, "src/generated/endpoints");
  const functions = path.join(pkgDir, "src/generated/functions");
  const answers = { textOperations: textResponseOperations(document), jsonOperations: jsonResponseOperations(document) };
  const byOperation = await checkedInfiniteOperations(service, document, pkgDir);
  // The plain functions of a tag are taken from its tag file once rewriteEndpoints has finished it (the
  // request functions name their operation and encode their path parameters): in the second thread,
  // one tag at a time while this one rewrites the next tags and finishes the mocks.
  const { requester } = serviceBindings(service.name);
  const functionsOf = new Map<string, Promise<number>>();
  const writeFunctionsOf = (tag: string) => {
    const written = writeFunctionsInThread(endpoints, functions, [tag], requester);
    written.catch(() => {}); // awaited below, like the schema
    functionsOf.set(tag, written);
  };
  const counts = await rewriteEndpoints(service, endpoints, answers, { document, byOperation }, (file) => {
    const tag = path.basename(path.dirname(file));
    if (path.basename(file) === `${tag}.ts` && path.dirname(path.dirname(file)) === endpoints) writeFunctionsOf(tag);
  });
  if (counts.infinite !== byOperation.size) {
    throw new Error(`${service.name}: ${byOperation.size} infinite queries in specs/services.yaml, ${counts.infinite} written`);
  }
  const tags = await endpointTags(endpoints);
  // A tag folder without its tag file fails there, as it always did.
  for (const tag of tags) if (!functionsOf.has(tag)) writeFunctionsOf(tag);
  const written = Promise.all(tags.map((tag) => functionsOf.get(tag) as Promise<number>)).then((n) => n.reduce((a, b) => a + b, 0));
  written.catch(() => {});
  const handlers = await finishMockFiles(service, pkgDir, tags);

  // Write: indexes, exports, the schema types, the prepared document, validation and the report.
  await writeFunctionsIndex(pkgDir, tags);
  await writeMocksIndex(pkgDir, tags, handlers);
  await writeExports(pkgDir, tags);
  await writeFile(path.join(pkgDir, "src/generated/schema.ts"), await schema);
  await writeFile(path.join(pkgDir, "src/generated/openapi.json"), `${JSON.stringify(document, null, 2)}\n`);
  await writeValidation(pkgDir, document);
  const minimal = [...(service.minimalMocks ?? [])].sort();
  await writeFile(
    path.join(pkgDir, "src/generated/prepare-report.json"),
    `${JSON.stringify({ ...report, minimalMocks: minimal, ...(oversized.length > 0 && { oversizedMocks: oversized }) }, null, 2)}\n`,
  );

  const plain = await written;
  const ms = Math.round(performance.now() - started);
  const { summarise } = await import("./prepare/document.ts");
  if (report.changes.length > 0 || minimal.length > 0)
    console.log(summarise(report) + (minimal.length ? `; ${minimal.length} minimal mocks` : ""));
  if (oversized.length > 0) {
    console.log(
      `${service.name}: minimal mocks for ${oversized.map((o) => o.operationId).join(", ")}: their faker mocks would inline more than ${MOCK_NODE_LIMIT.toLocaleString("en")} schema nodes`,
    );
  }
  console.log(
    `generated ${service.package} from ${service.spec}: ${tags.length} tags, ${counts.keys} query keys prefixed with "${service.queryKeyPrefix}" and the client id, ` +
      `${counts.queries + counts.mutations} hooks taking their client from context, ${counts.infinite} infinite queries, ${plain} plain functions, ${handlers.length} mock handlers, ` +
      `${counts.params} path parameters checked and encoded (${ms} ms)`,
  );
  const unlisted = unlistedPaginatedOperations(document, byOperation);
  if (unlisted.length > 0) {
    console.log(
      `${service.name}: ${unlisted.join(", ")} look paginated but have no infinite query; name them under services.${service.name}.infiniteQueries in specs/services.yaml`,
    );
  }
  return { report, tags };
}
