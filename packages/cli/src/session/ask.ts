// What `sciclients login` asks for: a username and a password or key, from
// flags, stdin or a terminal prompt. Without a terminal nothing is asked:
// a missing value is a usage error naming the flag that gives it.
import { createInterface } from "node:readline";
import password from "@inquirer/password";
import { canPrompt } from "@sciclients/auth/node";
import { UsageError } from "../errors.js";
import { Interrupted } from "../interrupt.js";

/** Asks the person at the terminal, or fails naming the flag when there is none. */
export interface Asker {
  /** A visible answer (a username); `flag` is what gives it without a terminal. */
  line(question: string, flag: string): Promise<string>;
  /** An answer that is not echoed (a password, an API key). */
  secret(question: string, flag: string): Promise<string>;
}

function required(answer: string, what: string): string {
  if (answer === "") throw new UsageError(`${what}: nothing was entered`);
  return answer;
}

/**
 * One visible line read on the terminal. The terminal is in raw mode while
 * readline edits the line, so Ctrl-C arrives as a keypress, not as SIGINT:
 * readline would just close (the answer never comes), so it is turned into
 * {@link Interrupted} here, as is a SIGINT sent to the process (`signal`).
 */
function askLine(question: string, signal: AbortSignal): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  return new Promise<string>((resolve, reject) => {
    const stop = () => {
      signal.removeEventListener("abort", stop);
      rl.close();
      reject(new Interrupted());
    };
    if (signal.aborted) return stop();
    signal.addEventListener("abort", stop);
    rl.once("SIGINT", stop);
    rl.question(question, (answer) => {
      signal.removeEventListener("abort", stop);
      rl.close();
      resolve(answer.trim());
    });
  });
}

/** Whether @inquirer gave up its prompt on Ctrl-C (ExitPromptError: the keypress) or on `signal` (AbortPromptError: SIGINT). */
const promptLeft = (error: unknown) => error instanceof Error && (error.name === "ExitPromptError" || error.name === "AbortPromptError");

/**
 * Asks on stderr/stdin when both are terminals and `CI` is unset; otherwise every
 * question fails with exit 2. Ctrl-C at a question (or `signal` aborted) throws
 * {@link Interrupted}, which ends the run as any Ctrl-C does (exit 130, one line).
 */
export function terminalAsker(context: string, signal: AbortSignal, env: Record<string, string | undefined> = process.env): Asker {
  const interactive = canPrompt(env);
  const missing = (question: string, flag: string) =>
    new UsageError(`${context}: ${question.toLowerCase()} is needed and there is no terminal to ask on; give ${flag}`);
  return {
    async line(question, flag) {
      if (!interactive) throw missing(question, flag);
      return required(await askLine(`${question}: `, signal), question);
    },
    async secret(question, flag) {
      if (!interactive) throw missing(question, flag);
      try {
        // @inquirer/password draws on stderr, so that stdout stays for answers; it echoes nothing.
        return required(await password({ message: `${question}:` }, { output: process.stderr, signal }), question);
      } catch (error) {
        // The prompt has ended its line on the terminal.
        if (promptLeft(error)) throw new Interrupted("", true);
        throw error;
      }
    },
  };
}

/** The first line of stdin (a password or key piped in, e.g. `--password-stdin < file`), without its line end. */
export async function readSecretFromStdin(stdin: NodeJS.ReadableStream, flag: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  const text = Buffer.concat(chunks).toString("utf8");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  if (firstLine === "") throw new UsageError(`${flag}: stdin was empty; pipe the secret in (one line)`);
  return firstLine;
}
