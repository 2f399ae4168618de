#!/usr/bin/env node
// `pnpm spec:coverage`: packages/generator/src/commands/spec-coverage.ts.
import { runCommand } from "../packages/generator/launch.mjs";

await runCommand("spec-coverage");
