#!/usr/bin/env node
// `pnpm check:drift`: packages/generator/src/commands/check-drift.ts.
import { runCommand } from "../packages/generator/launch.mjs";

await runCommand("check-drift");
