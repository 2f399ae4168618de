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

/**
 * An AbortSignal that SIGINT aborts (the first Ctrl-C; a second one kills the
 * process as usual). A command that does not listen to it (a prompt, say)
 * still ends: after a grace period the process exits with 130.
 */
export function abortOnSigint(): AbortSignal {
  const controller = new AbortController();
  process.once("SIGINT", () => {
    controller.abort(new Error("interrupted (Ctrl-C)"));
    setTimeout(() => {
      process.stderr.write("\nsciclients: interrupted\n");
      process.exit(INTERRUPTED_EXIT);
    }, GRACE_MS).unref();
  });
  return controller.signal;
}
