#!/usr/bin/env node
// The `typecheck` script of a very large client package: packages/generator/src/commands/typecheck.ts.
import { runCommand } from "../packages/generator/launch.mjs";

await runCommand("typecheck");
