// Ctrl-C: the in-flight request or wait is aborted through one AbortSignal,
// and the command says in one line what it left running on the service.

/**
 * Thrown by a command that stopped on Ctrl-C; `leftRunning` says what still
 * runs and how to stop it (empty when nothing does: a prompt that was left).
 * `lineEnded`: the terminal's cursor is already at the start of a line (a
 * prompt that ended its own line), so the closing line needs no line break first.
 */
export class Interrupted extends Error {
  override readonly name = "Interrupted";
  constructor(
    readonly leftRunning = "",
    readonly lineEnded = false,
  ) {
    super(leftRunning || "interrupted (Ctrl-C)");
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
  // A listener that stays (not `once`): a prompt (@inquirer's signal-exit)
  // listens to SIGINT too and re-raises it, killing the process before it can
  // say a word, when it finds itself the only listener left.
  const onSigint = () => {
    if (controller.signal.aborted) {
      // The second Ctrl-C: the default action, at once.
      process.off("SIGINT", onSigint);
      process.kill(process.pid, "SIGINT");
      return;
    }
    controller.abort(new Error("interrupted (Ctrl-C)"));
    setTimeout(() => {
      // On a terminal the line starts after the ^C the terminal echoed.
      process.stderr.write(`${process.stderr.isTTY ? "\n" : ""}sciclients: interrupted\n`);
      process.exit(INTERRUPTED_EXIT);
    }, GRACE_MS).unref();
  };
  process.on("SIGINT", onSigint);
  sigint = controller.signal;
  return sigint;
}
