// The program behind the `sciclients` executable (src/bin.ts): runs it and
// turns every failure into a one-line message and an exit code (src/errors.ts).
import { isApiError, isAuthError } from "@sciclients/core";
import { CommanderError } from "commander";
import { processContext } from "./context.js";
import { EXIT, UsageError } from "./errors.js";
import { services } from "./generated/services.js";
import { INTERRUPTED_EXIT, Interrupted } from "./interrupt.js";
import { buildProgram } from "./program.js";

function messageOf(body: unknown): string | undefined {
  if (typeof body === "string") return body.slice(0, 500);
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    for (const key of ["error", "message", "detail", "description", "msg"]) if (typeof b[key] === "string") return b[key] as string;
    return JSON.stringify(body).slice(0, 500);
  }
  return undefined;
}

/** Runs the command line on process.argv and resolves with the exit code. */
export async function main(): Promise<number> {
  const context = processContext(services);
  // Ctrl-C while the program was still loading: nothing has been sent yet.
  if (context.signal.aborted) {
    context.stderr.write(`${context.stderr.isTTY ? "\n" : ""}sciclients: interrupted\n`);
    return INTERRUPTED_EXIT;
  }
  const program = buildProgram(context);
  try {
    await program.parseAsync(process.argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof Interrupted || context.signal.aborted) {
      // On a terminal the line starts after the ^C the terminal echoed.
      const start = context.stderr.isTTY && !(error instanceof Interrupted && error.lineEnded) ? "\n" : "";
      context.stderr.write(
        `${start}sciclients: interrupted${error instanceof Interrupted && error.leftRunning ? `: ${error.leftRunning}` : ""}\n`,
      );
      return INTERRUPTED_EXIT;
    }
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageError) {
      context.stderr.write(`sciclients: ${error.message}\n`);
      return EXIT.usage;
    }
    if (isApiError(error)) {
      const server = messageOf(error.body);
      context.stderr.write(
        `sciclients: ${error.service} answered ${error.status ?? "nothing"} to ${error.method} ${error.url}: ${server ?? error.message}\n`,
      );
      return EXIT.failed;
    }
    if (isAuthError(error)) {
      context.stderr.write(`sciclients: ${error.message}\n`);
      return error.code === "configuration" || error.code === "no_credentials" ? EXIT.usage : EXIT.failed;
    }
    context.stderr.write(`sciclients: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}
