#!/usr/bin/env node
// `pnpm specs:fetch`: packages/generator/src/commands/specs-fetch.ts.
import { runCommand } from "../packages/generator/launch.mjs";

await runCommand("specs-fetch");
