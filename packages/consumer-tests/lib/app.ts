// Apps outside the workspace that install the packed tarballs with npm, as a
// user's project would. An app is kept, under a name hashed from its
// dependencies, until they change: a second run reuses the install.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import type { PackedPackage } from "./pack.js";
import { run } from "./run.js";

/** Apps and tarballs not used for this long are removed by the next run. */
const STALE_MS = 24 * 60 * 60 * 1000;

export interface AppSpec {
  /** Part of the folder name, e.g. "full" or "without-faker". */
  label: string;
  /** The tarballs to install. */
  packages: PackedPackage[];
  /** Other dependencies, name to exact version. */
  dependencies: Record<string, string>;
}

/**
 * A folder under `cacheDir` with the app's package.json and node_modules,
 * installed by `npm install --prefer-offline` (npm's cache first, the registry
 * for what it lacks). Installs go to a scratch folder renamed when complete, so
 * a concurrent run never uses half an install.
 */
export async function installedApp(cacheDir: string, spec: AppSpec): Promise<string> {
  const dependencies: Record<string, string> = { ...spec.dependencies };
  for (const pkg of spec.packages) dependencies[pkg.name] = `file:${pkg.tarball}`;
  const manifest = {
    name: `sciclients-consumer-${spec.label}`,
    version: "0.0.0",
    private: true,
    description: "Made by @sciclients/consumer-tests: the published packages installed as a user would",
    dependencies: Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b))),
  };
  const key = createHash("sha256").update(JSON.stringify(manifest)).digest("hex").slice(0, 16);
  const dir = path.join(cacheDir, `app-${spec.label}-${key}`);
  const marker = path.join(dir, ".installed");
  if (!existsSync(marker)) {
    const scratch = `${dir}.installing-${process.pid}`;
    await rm(scratch, { recursive: true, force: true });
    await mkdir(scratch, { recursive: true });
    await writeFile(path.join(scratch, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: scratch, check: true });
    await writeFile(path.join(scratch, ".installed"), new Date().toISOString());
    try {
      await rename(scratch, dir);
    } catch (error) {
      // Another run finished the same install first: use theirs.
      if (!existsSync(marker)) throw error;
      await rm(scratch, { recursive: true, force: true });
    }
  }
  const now = new Date();
  await utimes(marker, now, now);
  await removeStaleApps(cacheDir);
  return dir;
}

/** Removes apps, unfinished installs and tarballs not used for a day. */
async function removeStaleApps(cacheDir: string): Promise<void> {
  const tarballs = path.join(cacheDir, "tarballs");
  const candidates = [
    ...(await readdir(cacheDir)).filter((name) => name.startsWith("app-")).map((name) => path.join(cacheDir, name)),
    ...(existsSync(tarballs) ? (await readdir(tarballs)).map((name) => path.join(tarballs, name)) : []),
  ];
  for (const candidate of candidates) {
    const marker = path.join(candidate, ".installed");
    const used = (await stat(existsSync(marker) ? marker : candidate)).mtimeMs;
    if (Date.now() - used > STALE_MS) await rm(candidate, { recursive: true, force: true });
  }
}
