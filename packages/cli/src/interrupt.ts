// Ctrl-C: the in-flight request or wait is aborted through one AbortSignal,
// and the command says in one line what it left running on the service.

/** Thrown by a command that stopped on Ctrl-C; `leftRunning` says what still runs and how to stop it. */
export class Interrupted extends Error {
  override readonly name = "Interrupted";
  constructor(readonly leftRunning: string) {
    super(leftRunning);
  }
}

/** An AbortSignal that SIGINT aborts (the first Ctrl-C; a second one kills the process as usual). */
export function abortOnSigint(): AbortSignal {
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort(new Error("interrupted (Ctrl-C)")));
  return controller.signal;
}

/** Exit code of a command stopped by SIGINT (128 + 2, as shells report it). */
export const INTERRUPTED_EXIT = 130;
