import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";

export interface PromptStreams {
  input?: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  output?: Writable & { isTTY?: boolean };
}

/** True when a person can be asked: stdin and stderr are terminals and `CI` is not set. */
export function canPrompt(env: Record<string, string | undefined> = process.env, streams: PromptStreams = {}): boolean {
  const input = streams.input ?? process.stdin;
  const output = streams.output ?? process.stderr;
  const ci = env.CI;
  return Boolean(input.isTTY && output.isTTY) && (ci === undefined || ci === "" || ci === "false" || ci === "0");
}

/** Asks a question and reads a visible answer (one line). */
export function promptLine(question: string, streams: PromptStreams = {}): Promise<string> {
  const rl = createInterface({ input: streams.input ?? process.stdin, output: streams.output ?? process.stderr, terminal: true });
  return new Promise<string>((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer.trim());
    });
  });
}

/** Asks a question and reads an answer without echoing it (raw-mode terminal). Ctrl-C / Ctrl-D reject. */
export function promptHidden(question: string, streams: PromptStreams = {}): Promise<string> {
  const input = streams.input ?? process.stdin;
  const output = streams.output ?? process.stderr;
  output.write(question);
  return new Promise<string>((resolve, reject) => {
    let answer = "";
    const wasRaw = (input as { isRaw?: boolean }).isRaw === true;
    input.setRawMode?.(true);
    input.resume();
    const finish = (error?: Error) => {
      input.off("data", onData);
      input.setRawMode?.(wasRaw);
      input.pause();
      output.write("\n");
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n") return finish();
        if (char === "\u0003" || char === "\u0004") return finish(new Error("input cancelled"));
        if (char === "\u007f" || char === "\b") answer = answer.slice(0, -1);
        else answer += char;
      }
    };
    input.on("data", onData);
  });
}

/** Prompts for a username (visible, unless given) and a password (hidden); kept by the caller for the process only. */
export async function promptCredentials(
  label: string,
  known: { username?: string } = {},
  streams: PromptStreams = {},
): Promise<{ username: string; password: string }> {
  const username = known.username || (await promptLine(`${label} username: `, streams));
  const password = await promptHidden(`${label} password for ${username}: `, streams);
  return { username, password };
}
