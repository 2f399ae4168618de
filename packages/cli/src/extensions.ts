// Top-level commands besides the services (sign-in, …). Each module exports a
// function that adds its commands to the program; list it here, one line each.
import type { Command } from "commander";
import type { CliContext } from "./context.js";
import { sessionCommands } from "./session/commands.js";

/** Adds one or more top-level commands to `program`; `context` gives the services, clients and output streams. */
export type CommandRegistrar = (program: Command, context: CliContext) => void;

export const topLevelCommands: CommandRegistrar[] = [sessionCommands];
