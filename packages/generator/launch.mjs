// The one file of the generator that is plain JavaScript: it makes the
// TypeScript sources runnable and runs one of their entries.
//
// Node 20 cannot load TypeScript, and a loader such as tsx costs its hooks
// thread on every start (about 0.3 s, more than a `pnpm generate` with nothing
// to do may take). So the sources are bundled with esbuild (about 0.2 s) into
// node_modules/.cache/sciclients-generator/<hash of the sources>/, once per
// change of the sources, and later runs load plain JavaScript. Nothing is
// committed and nothing needs building first: a fresh clone builds on its
// first run. Several processes starting at once (turbo runs each client's
// generate task) each build into a folder of their own and the first rename wins.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread, workerData } from "node:worker_threads";

const packageDir = path.dirname(fileURLToPath(import.meta.url));
const sourceDir = path.join(packageDir, "src");
const cacheDir = path.join(packageDir, "node_modules/.cache/sciclients-generator");
// The bundle cannot find the package from its own location (src/paths.ts reads this).
process.env.SCICLIENTS_GENERATOR_DIR = packageDir;

/** The modules started on their own: the commands, and the schema thread's. */
const isEntry = (file) => file.startsWith(`commands${path.sep}`) || file === path.join("generate", "thread-worker.ts");

/** Every source file (tests aside), relative to src/, in a stable order. */
function sources(dir = sourceDir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return sources(file);
      return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path.relative(sourceDir, file)] : [];
    })
    .sort();
}

/** The folder of the bundle of the current sources, built when there is none yet. */
async function bundle() {
  const files = sources();
  const hash = createHash("sha256");
  // The launcher itself and the package's pins (esbuild's version) shape the bundle too.
  for (const file of [fileURLToPath(import.meta.url), path.join(packageDir, "package.json")]) hash.update(readFileSync(file));
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(sourceDir, file)))
      .update("\0");
  const key = hash.digest("hex").slice(0, 20);
  // Names the code that runs: a record of what it made (the CLI catalogue's) is void under other code.
  process.env.SCICLIENTS_GENERATOR_BUNDLE = key;
  const out = path.join(cacheDir, key);
  if (existsSync(path.join(out, "complete"))) return out;
  const { build } = await import("esbuild");
  const staging = `${out}.${process.pid}.${Date.now()}`;
  await build({
    entryPoints: files.filter(isEntry).map((file) => path.join(sourceDir, file)),
    outdir: staging,
    outbase: sourceDir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20.19",
    // Dependencies load from node_modules as they are (orval and openapi-typescript through `require`).
    packages: "external",
    chunkNames: "chunks/[name]-[hash]",
    logLevel: "warning",
  });
  writeFileSync(path.join(staging, "complete"), "");
  try {
    renameSync(staging, out);
  } catch {
    // Another process built the same sources meanwhile: use its bundle.
    rmSync(staging, { recursive: true, force: true });
  }
  // Bundles of earlier sources go once a day has passed (a long test run may still use one).
  for (const name of readdirSync(cacheDir)) {
    const old = path.join(cacheDir, name);
    if (name !== key && Date.now() - statSync(old).mtimeMs > 86_400_000) rmSync(old, { recursive: true, force: true });
  }
  return out;
}

/** Imports an entry of the bundle (`commands/generate` for src/commands/generate.ts). */
async function load(entry) {
  return import(pathToFileURL(path.join(await bundle(), `${entry}.js`)).href);
}

/** Runs `src/commands/<name>.ts` with the command-line arguments `args`. */
export async function runCommand(name, args = process.argv.slice(2)) {
  const command = await load(`commands/${name}`);
  await command.main(args);
}

// `node launch.mjs <command> …args`: how the generator starts processes of its own.
if (isMainThread && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runCommand(process.argv[2], process.argv.slice(3));
}
// A worker thread the generator started: `workerData.entry` names its module.
if (!isMainThread && typeof workerData?.entry === "string") await load(workerData.entry);
