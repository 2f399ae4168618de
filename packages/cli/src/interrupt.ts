// Ctrl-C: the in-flight request or wait is aborted through one AbortSignal,
// and the command says in one line what it left running on the service.

/** Thrown by a command that stopped on Ctrl-C; `leftRunning` says what still runs and how to stop it. */
export class Interrupted extends Error {
  override readonly name = "Interrupted";
  constructor(readonly leftRunning: string) {
    super(leftRunning);
  }
}

/** Exit code of a command stopped by SIGINT (128 + 2, as shells report it). */
export const INTERRUPTED_EXIT = 130;

/** How long a command may take to stop after Ctrl-C before the process ends anyway. */
const GRACE_MS = 3000;

let sigint: AbortSignal | undefined;

/**
 * The process's AbortSignal that SIGINT aborts (the first Ctrl-C; a second one
 * kills the process as usual), installed on the first call. A command that
 * does not listen to it (a prompt, say) still ends: after a grace period the
 * process exits with 130.
 */
export function abortOnSigint(): AbortSignal {
  if (sigint) return sigint;
  const controller = new AbortController();
  process.once("SIGINT", () => {
    controller.abort(new Error("interrupted (Ctrl-C)"));
    setTimeout(() => {
      // On a terminal the line starts after the ^C the terminal echoed.
      process.stderr.write(`${process.stderr.isTTY ? "\n" : ""}sciclients: interrupted\n`);
      process.exit(INTERRUPTED_EXIT);
    }, GRACE_MS).unref();
  });
  sigint = controller.signal;
  return sigint;
}
