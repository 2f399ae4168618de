#!/usr/bin/env node
// `pnpm test`: every check CI runs, in order, then one closing line
// `N passed, M failed` that sums the test counts of every package's vitest run.
// A failing step does not stop the later ones, so one run shows every problem.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const packagesDir = path.join(root, "packages");

const steps = [
  ["lint (biome)", ["pnpm", "exec", "biome", "check", "."]],
  ["lint specs (redocly)", ["pnpm", "run", "--silent", "lint:specs"]],
  ["generated code matches specs", ["node", "scripts/check-drift.mjs"]],
  ["typecheck", ["pnpm", "exec", "turbo", "run", "typecheck", "--output-logs=errors-only"]],
  ["build and package checks", ["pnpm", "exec", "turbo", "run", "build", "check:package", "--output-logs=errors-only"]],
  ["tests", ["pnpm", "exec", "turbo", "run", "test", "--continue", "--output-logs=full"]],
];

const resultFiles = () =>
  readdirSync(packagesDir)
    .map((dir) => path.join(packagesDir, dir, ".vitest-results.json"))
    .filter((file) => existsSync(file));

for (const file of resultFiles()) rmSync(file);

const failedSteps = [];
for (const [name, [command, ...args]] of steps) {
  console.log(`\n▶ ${name}: ${command} ${args.join(" ")}`);
  const run = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: process.env,
  });
  if (run.status !== 0) failedSteps.push(name);
}

let passed = 0;
let failed = 0;
for (const file of resultFiles()) {
  const result = JSON.parse(readFileSync(file, "utf8"));
  passed += result.numPassedTests ?? 0;
  failed +=
    (result.numFailedTests ?? 0) + (result.numTotalTestSuites > 0 && result.success === false && result.numFailedTests === 0 ? 1 : 0);
}

if (failedSteps.length > 0) console.error(`\nFailed steps: ${failedSteps.join(", ")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
