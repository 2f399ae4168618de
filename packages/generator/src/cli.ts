// Command-line handling shared by the maintainers' commands (specs:fetch,
// specs:diff, new-client): the same --help, and the same exit status 2 with the
// usage text for an option the command does not know or a value that is missing.
import { type ParseArgsConfig, parseArgs } from "node:util";

/** Prints `<command>: <message>`, then the usage text, and exits with status 2. */
export function usageError(command: string, usage: string, message: string): never {
  console.error(`${command}: ${message}\n\n${usage}`);
  process.exit(2);
}

/**
 * Parses the command's arguments `args` with `options` (node:util parseArgs), plus
 * `-h`/`--help`, which prints `usage` and exits 0. Returns `{ values, positionals }`.
 */
/** The configuration parseArgs gets: the command's options and --help. */
type CommandLineConfig<Options> = { args: string[]; allowPositionals: true; options: Options & typeof HELP };
/** What parseCommandLine returns: the options' values and the positional arguments. */
export type CommandLine<Options extends NonNullable<ParseArgsConfig["options"]>> = ReturnType<typeof parseArgs<CommandLineConfig<Options>>>;

export function parseCommandLine<Options extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  usage: string,
  args: string[],
  options: Options,
): CommandLine<Options> {
  const config: CommandLineConfig<Options> = { args, allowPositionals: true, options: { ...options, ...HELP } };
  let parsed: CommandLine<Options>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    return usageError(command, usage, error instanceof Error ? error.message : String(error));
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}

const HELP = { help: { type: "boolean", short: "h", default: false } } as const;

/** The message of whatever was thrown. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
