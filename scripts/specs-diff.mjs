#!/usr/bin/env node
// `pnpm specs:diff`: packages/generator/src/commands/specs-diff.ts.
import { runCommand } from "../packages/generator/launch.mjs";

await runCommand("specs-diff");
