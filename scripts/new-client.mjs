#!/usr/bin/env node
// `pnpm new-client`: packages/generator/src/commands/new-client.ts.
import { runCommand } from "../packages/generator/launch.mjs";

await runCommand("new-client");
