// Command-line handling shared by the maintainers' commands (specs:fetch,
// specs:diff, new-client): the same --help, and the same exit status 2 with the
// usage text for an option the command does not know or a value that is missing.
import { parseArgs } from "node:util";

/** Prints `<command>: <message>`, then the usage text, and exits with status 2. */
export function usageError(command, usage, message) {
  console.error(`${command}: ${message}\n\n${usage}`);
  process.exit(2);
}

/**
 * Parses the command's arguments `args` with `options` (node:util parseArgs), plus
 * `-h`/`--help`, which prints `usage` and exits 0. Returns `{ values, positionals }`.
 */
export function parseCommandLine(command, usage, args, options) {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...options, help: { type: "boolean", short: "h", default: false } } });
  } catch (error) {
    usageError(command, usage, error.message);
  }
  if (parsed.values.help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}
