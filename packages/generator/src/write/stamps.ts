// The stamps that let `pnpm generate` skip a service whose code is up to date.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { listFiles } from "../files.ts";
import { packageDir, repoRoot as root } from "../paths.ts";
import type { Service } from "../types.ts";
import { fileStates, isSettled, newestChange } from "./file-states.ts";
import { generatorFiles } from "./generator-files.ts";

/** Tools whose versions shape the output, as the generator's package.json pins them. */
const TOOLS = ["orval", "@orval/core", "openapi-typescript", "swagger2openapi", "@apidevtools/swagger-parser"];

function toolVersions(): string {
  const pkg: { dependencies?: Record<string, string> } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8"));
  const pins = pkg.dependencies ?? {};
  return TOOLS.map((name) => `${name}@${pins[name]}`).join(" ");
}

/** The generator's own files (listed once per run: the same for every service). */
let generatorFilesListed: Promise<string[]> | undefined;
const listGeneratorFiles = () => (generatorFilesListed ??= generatorFiles());

/** Their contents and the tool versions, read once per run (synchronously, as the outputs below), and only when a stamp is hashed. */
let generatorInputsRead: Promise<{ files: Buffer[]; versions: string }> | undefined;
function generatorInputs() {
  generatorInputsRead ??= (async () => ({
    files: (await listGeneratorFiles()).map((f) => readFileSync(f)),
    versions: toolVersions(),
  }))();
  return generatorInputsRead;
}

const sha = (...parts: (string | Buffer)[]) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
};

interface Stamp {
  inputs: string;
  outputs: string;
  /** A hash of the manifest entry and the metadata of every file read and written (write/file-states.ts). */
  states?: string;
  /** The newest ctime among those files, in nanoseconds. */
  newest?: string;
}

/**
 * The stamp of a generation: a hash of what it read (spec, manifest entry,
 * generator, tool versions) and of what it wrote. It lives outside the
 * repository (node_modules/.cache); a service whose inputs and generated files
 * both still match is not generated again, so a hand edit is still undone.
 */
async function stampOf(service: Service): Promise<Stamp> {
  const { files: generator, versions } = await generatorInputs();
  const inputs = sha(JSON.stringify(service), readFileSync(path.join(root, service.spec)), ...generator, versions);
  const pkgDir = path.join(root, service.directory);
  const generated = path.join(pkgDir, "src/generated");
  if (!existsSync(generated)) return { inputs, outputs: "" };
  const files = await listFiles(generated);
  const pkg: { exports?: unknown } = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8"));
  // The bytes as read: the same hash as of the text (the files are UTF-8) without decoding 6 MB (DSS) first.
  // Read one after another, synchronously: nothing else runs meanwhile, and for 600 small files
  // that took a third of the time of as many promises through the thread pool.
  const outputs = sha(
    JSON.stringify(pkg.exports ?? null),
    ...files.flatMap((f) => [`${path.relative(generated, f)}\0`, readFileSync(f), "\0"]),
  );
  return { inputs, outputs };
}

/**
 * The manifest entry and the metadata of the files a stamp covers: the spec, the
 * generator's files (with its package.json, so the tool versions), the package's
 * package.json and every generated file. Equal to the stamp's and older than it:
 * nothing was touched since, and the contents need not be read.
 */
async function statesOf(service: Service): Promise<{ states: string; newest: string }> {
  const pkgDir = path.join(root, service.directory);
  const generated = path.join(pkgDir, "src/generated");
  const outputs = existsSync(generated) ? await listFiles(generated) : [];
  const files = [path.join(root, service.spec), ...(await listGeneratorFiles()), path.join(pkgDir, "package.json"), ...outputs];
  const states = fileStates(files, (f) => path.relative(root, f));
  return { states: sha(JSON.stringify(service), "\0", states), newest: String(newestChange(states)) };
}

const stampFile = (service: Service) =>
  path.join(root, "node_modules/.cache/sciclients-generate", `${sha(root, "\0", service.name).slice(0, 16)}-${service.name}.json`);

/**
 * Whether `service`'s inputs and generated files are what its stamp recorded: by
 * their metadata when nothing was touched, else by their contents (a checkout or
 * `touch` that left the contents as they were renews the stamp's metadata).
 */
export async function isUpToDate(service: Service): Promise<boolean> {
  const file = stampFile(service);
  if (!existsSync(file)) return false;
  const saved: Partial<Stamp> = JSON.parse(await readFile(file, "utf8"));
  const states = await statesOf(service);
  if (saved.states === states.states && saved.newest !== undefined && isSettled(file, BigInt(saved.newest))) return true;
  const now = await stampOf(service);
  const same = saved.inputs === now.inputs && saved.outputs === now.outputs;
  if (same) await writeFile(file, JSON.stringify({ ...now, ...states } satisfies Stamp));
  return same;
}

export async function writeStamp(service: Service): Promise<void> {
  const file = stampFile(service);
  await mkdir(path.dirname(file), { recursive: true });
  // The metadata first: a file changed while the contents are read then differs from it, and is hashed next time.
  const states = await statesOf(service);
  await writeFile(file, JSON.stringify({ ...(await stampOf(service)), ...states } satisfies Stamp));
}
