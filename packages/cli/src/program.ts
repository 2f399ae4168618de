// The `sciclients` program: global flags, one command per service (each with a
// subcommand per operation, from the generated catalogue) and the top-level
// commands of src/extensions.ts.
import { Command, Option } from "commander";
import { version } from "../package.json";
import type { ServiceEntry } from "./catalogue-types.js";
import type { CliContext } from "./context.js";
import { type CommandRegistrar, topLevelCommands } from "./extensions.js";
import { operationCommand } from "./operation-command.js";

export function serviceCommand(service: ServiceEntry, context: CliContext): Command {
  const { catalogue } = service;
  const command = new Command(catalogue.name)
    .description(`${catalogue.title} (${catalogue.operations.length} operations)`)
    .helpGroup("Services:");
  for (const operation of catalogue.operations) command.addCommand(operationCommand(service, operation, context));
  return command;
}

/** The whole program; `extra` adds top-level commands besides those of src/extensions.ts. */
export function buildProgram(context: CliContext, extra: readonly CommandRegistrar[] = []): Command {
  const program = new Command("sciclients")
    .description("Every operation of every sciclients service from the command line")
    .version(version, "-V, --version", "the version of sciclients")
    .addOption(new Option("--base-url <url>", "the service's address (default: its environment variables or config file)"))
    .addOption(new Option("--token <token>", "the credential to send (default: the service's settings)"))
    .addOption(new Option("--output <format>", "how to print JSON answers").choices(["json", "yaml", "table"]))
    .addOption(new Option("--quiet", "no progress on stderr while waiting for long work (--wait)"))
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (text) => context.stdout.write(text), writeErr: (text) => context.stderr.write(text) });
  program.copyInheritedSettings(program);
  for (const service of context.services) program.addCommand(copySettings(serviceCommand(service, context), program));
  for (const register of [...topLevelCommands, ...extra]) register(program, context);
  return program;
}

/** exitOverride and output settings down the whole tree (commander copies them only to commands made by .command()). */
function copySettings(command: Command, from: Command): Command {
  command.copyInheritedSettings(from);
  for (const sub of command.commands) copySettings(sub, command);
  return command;
}
