#!/usr/bin/env node
// Part of `pnpm bench:size`: what each publishable package weighs as published.
// Packs every package not marked private with `pnpm pack` (as `pnpm publish`
// would upload it; build first) and prints the tarball's size, the unpacked size
// and the file count read from the tarball itself. Prints figures; asserts nothing.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const packagesDir = path.join(root, "packages");

/** Sizes of the regular files in a .tgz (ustar: 512-byte headers, size in octal at offset 124). */
function tarballFiles(file) {
  const tar = gunzipSync(readFileSync(file));
  const files = [];
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const name = header.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
    const size = Number.parseInt(header.subarray(124, 136).toString("utf8").replace(/\0.*$/s, "").trim() || "0", 8);
    const type = String.fromCharCode(header[156] || 48);
    if (type === "0") files.push({ name, size });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

const publishable = readdirSync(packagesDir)
  .map((dir) => path.join(packagesDir, dir))
  .filter((dir) => existsSync(path.join(dir, "package.json")))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) }))
  .filter(({ manifest }) => !manifest.private)
  .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));

const scratch = mkdtempSync(path.join(os.tmpdir(), "sciclients-sizes-"));
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const rows = [];
try {
  for (const { dir, manifest } of publishable) {
    if (!existsSync(path.join(dir, "dist"))) throw new Error(`${manifest.name} has no dist/: run pnpm build first`);
    const out = path.join(scratch, manifest.name.replace(/[@/]/g, "_"));
    const packed = spawnSync("pnpm", ["pack", "--pack-destination", out], { cwd: dir, encoding: "utf8" });
    if (packed.status !== 0) throw new Error(`pnpm pack failed for ${manifest.name}:\n${packed.stderr}`);
    const tarball = path.join(
      out,
      readdirSync(out).find((f) => f.endsWith(".tgz")),
    );
    const files = tarballFiles(tarball);
    const unpacked = files.reduce((sum, f) => sum + f.size, 0);
    const declarations = files.filter((f) => /\.d\.c?ts$/.test(f.name)).reduce((sum, f) => sum + f.size, 0);
    rows.push([manifest.name, kb(readFileSync(tarball).length), kb(unpacked), kb(declarations), String(files.length)]);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const head = ["package", "packed", "unpacked", "of which .d.ts/.d.cts", "files"];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const row of [head, ...rows])
  console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  "));
