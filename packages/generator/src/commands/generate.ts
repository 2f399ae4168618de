// `pnpm generate` / `node scripts/generate.mjs [service…] [--force] [--cli]`:
// generates the code of every service whose inputs or outputs changed since its
// stamp (write/stamps.ts), through the pipeline of src/pipeline.ts, then the
// command line's catalogue. Everything under <package>/src/generated is written
// here and nowhere else; hand-written code lives beside it in <package>/src.
// With several services, they can be generated in parallel worker processes
// (GENERATE_JOBS; see below).
import { fork } from "node:child_process";
import { readFile } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { writeCliCatalogue } from "../cli-catalogue/catalogue.ts";
import { loadServices } from "../manifest/services.ts";
import { launcher, repoRoot as root } from "../paths.ts";
import type { Service } from "../types.ts";
import { isUpToDate, writeStamp } from "../write/stamps.ts";
import { writeTurboConfigs } from "../write/turbo.ts";

/**
 * Generates services in `jobs` worker processes, each loading orval once and
 * taking a share of the specs balanced by size; resolves to the names that failed.
 */
async function generateInWorkers(services: Service[], jobs: number): Promise<string[]> {
  const sized = await Promise.all(services.map(async (s) => ({ s, size: (await readFile(path.join(root, s.spec))).length })));
  const batches = Array.from({ length: Math.min(jobs, services.length) }, () => ({ size: 0, services: [] as string[] }));
  for (const { s, size } of sized.sort((a, b) => b.size - a.size)) {
    const lightest = batches.reduce((a, b) => (b.size < a.size ? b : a));
    lightest.size += size;
    lightest.services.push(s.name);
  }
  const results = await Promise.all(
    batches.map(async (batch) => {
      const child = fork(launcher, ["generate", "--worker", ...batch.services], { stdio: "inherit" });
      const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
      return code === 0 ? [] : batch.services;
    }),
  );
  return results.flat();
}

export async function main(args: string[]): Promise<void> {
  const services = await loadServices(root);
  const inWorker = args[0] === "--worker";
  const force = args.includes("--force");
  const wanted = args.filter((a) => !a.startsWith("--"));
  const unknown = wanted.filter((n) => !services.some((s) => s.name === n));
  if (unknown.length) {
    console.error(`Unknown service ${unknown.join(", ")}; specs/services.yaml lists ${services.map((s) => s.name).join(", ")}`);
    process.exit(2);
  }
  if (!inWorker) await writeTurboConfigs(services);
  // `--cli`: only the command line's catalogue (packages/cli's own generate task, after the clients').
  if (args.includes("--cli")) {
    const count = await writeCliCatalogue(root, services);
    console.log(`@sciclients/cli: ${count} operations of ${services.length} services`);
    process.exit(0);
  }
  const selected: Service[] = [];
  for (const service of services.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
    if (!inWorker && !force && (await isUpToDate(service))) console.log(`${service.package} is up to date with ${service.spec}`);
    else selected.push(service);
  }
  // Each worker loads orval and openapi-typescript again (about 1.5 s of CPU). On two
  // cores one process is as fast as two (the second core runs GC and esbuild), so
  // workers are used only with four idle cores or more; GENERATE_JOBS overrides.
  const cores = availableParallelism();
  const jobs = Number(process.env.GENERATE_JOBS) || (cores >= 4 && (loadavg()[0] ?? 0) < cores - 2 ? 2 : 1);
  if (!inWorker && selected.length > 1 && jobs > 1) {
    const failed = await generateInWorkers(selected, jobs);
    if (failed.length > 0) {
      console.error(`generation failed for ${failed.join(", ")}`);
      process.exit(1);
    }
  } else if (selected.length > 0) {
    // Loaded only when there is work: the pipeline's modules are most of the bundle.
    const { generateService } = await import("../pipeline.ts");
    for (const service of selected) {
      try {
        await generateService(service);
        await writeStamp(service);
      } catch (error) {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      }
    }
  }
  // The command line offers every operation of every service (cli-catalogue/catalogue.ts).
  if (!inWorker) await writeCliCatalogue(root, services);
}
