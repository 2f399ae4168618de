// Exit codes and the one error type for bad input.

/** 0 success, 1 the service or sign-in failed, 2 the command line was wrong (usage, missing setting). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Bad input on the command line: printed as is, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
