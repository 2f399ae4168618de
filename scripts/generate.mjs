#!/usr/bin/env node
// `pnpm generate`: packages/generator/src/commands/generate.ts (the pipeline is src/pipeline.ts).
import { runCommand } from "../packages/generator/launch.mjs";

await runCommand("generate");
