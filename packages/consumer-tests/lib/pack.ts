// `pnpm pack` of every publishable workspace package, as `pnpm publish` would
// upload it. Tarballs are kept in a cache folder under names that carry a hash
// of everything that goes into them, so an unchanged package is not packed again.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, utimes } from "node:fs/promises";
import path from "node:path";
import { run } from "./run.js";

export interface WorkspacePackage {
  name: string;
  version: string;
  dir: string;
}

export interface PackedPackage extends WorkspacePackage {
  /** Absolute path of the .tgz. */
  tarball: string;
  /** Hash of the packed inputs (first 16 hex digits). */
  hash: string;
}

/** The workspace packages that are published: every `packages/*` not marked private. */
export async function publishablePackages(root: string): Promise<WorkspacePackage[]> {
  const packagesDir = path.join(root, "packages");
  const found: WorkspacePackage[] = [];
  for (const entry of (await readdir(packagesDir, { withFileTypes: true })).filter((e) => e.isDirectory())) {
    const file = path.join(packagesDir, entry.name, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(await readFile(file, "utf8")) as { name: string; version: string; private?: boolean };
    if (!pkg.private) found.push({ name: pkg.name, version: pkg.version, dir: path.dirname(file) });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * Hash of what `pnpm pack` reads for a package: its package.json, README, built
 * `dist/`, the root LICENSE (pnpm packs it into packages that have none) and the
 * versions of the workspace packages (pnpm writes them for `workspace:*`).
 */
async function packInputsHash(root: string, pkg: WorkspacePackage, versions: string): Promise<string> {
  const hash = createHash("sha256").update(versions);
  const files = [
    path.join(pkg.dir, "package.json"),
    path.join(pkg.dir, "README.md"),
    path.join(root, "LICENSE"),
    ...(await filesUnder(path.join(pkg.dir, "dist"))).sort(),
  ];
  for (const file of files) {
    hash.update(`\0${path.relative(root, file)}\0`);
    if (existsSync(file)) hash.update(await readFile(file));
  }
  return hash.digest("hex").slice(0, 16);
}

/** Packs each package (or only those named in `only`), or reuses its cached tarball; fails when a package has no build. */
export async function packAll(root: string, cacheDir: string, only?: readonly string[]): Promise<PackedPackage[]> {
  const all = await publishablePackages(root);
  const packages = only ? all.filter((p) => only.includes(p.name)) : all;
  const tarballs = path.join(cacheDir, "tarballs");
  await mkdir(tarballs, { recursive: true });
  // Every package's version goes into each hash: pnpm writes them for `workspace:*`.
  const versions = all.map((p) => `${p.name}@${p.version}`).join(" ");
  return Promise.all(
    packages.map(async (pkg): Promise<PackedPackage> => {
      if (!existsSync(path.join(pkg.dir, "dist"))) throw new Error(`${pkg.name} has no dist/: build it first (pnpm build)`);
      const hash = await packInputsHash(root, pkg, versions);
      const tarball = path.join(tarballs, `${pkg.name.replace(/^@/, "").replace("/", "-")}-${pkg.version}-${hash}.tgz`);
      if (existsSync(tarball)) {
        const now = new Date();
        await utimes(tarball, now, now);
      } else {
        // Pack into a folder of our own, then move: a concurrent run never sees half a tarball.
        const scratch = await mkdtemp(path.join(tarballs, ".pack-"));
        try {
          await run("pnpm", ["pack", "--pack-destination", scratch], { cwd: pkg.dir, check: true });
          const [packed] = (await readdir(scratch)).filter((f) => f.endsWith(".tgz"));
          if (!packed) throw new Error(`pnpm pack wrote no tarball for ${pkg.name}`);
          await rename(path.join(scratch, packed), tarball);
        } finally {
          await rm(scratch, { recursive: true, force: true });
        }
      }
      return { ...pkg, tarball, hash };
    }),
  );
}
