// A reader of streamed JSON documents: newline-delimited JSON, tolerant of
// blank lines, of documents split anywhere across chunks (multi-byte
// characters included) and of documents written back to back without a
// newline, as IceProd's log deletion does.

/** Why a stream could not be read. */
export type StreamParseReason = "invalid-json" | "invalid-record" | "truncated" | "too-long" | "incomplete";

/** A streamed document that is not valid JSON, not the expected record, or cut off. */
export class StreamParseError extends Error {
  override readonly name = "StreamParseError";
  readonly reason: StreamParseReason;
  /** 1-based number of the record in the stream. */
  readonly record: number;
  /** The offending text, shortened to 200 characters. */
  readonly text: string;

  constructor(message: string, init: { reason: StreamParseReason; record: number; text?: string; cause?: unknown }) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.reason = init.reason;
    this.record = init.record;
    this.text = init.text ?? "";
  }
}

export interface ParseJsonStreamOptions<T> {
  /** Checks each document; a document it refuses fails the stream with a `StreamParseError`. */
  validate?: (value: unknown) => value is T;
  /** What the records are, for errors (e.g. `"LogDeletionProgress"`). */
  recordName?: string;
  /** Names the stream in errors (e.g. `"iceprod: DELETE /datasets/d1/logs"`). */
  source?: string;
  /** Longest document accepted, in characters (default 16 MiB), so a runaway document cannot fill memory. */
  maxRecordLength?: number;
}

const SNIPPET = 200;
const shorten = (text: string) => (text.length > SNIPPET ? `${text.slice(0, SNIPPET)}…` : text);
/** Between documents: whitespace, a byte-order mark, and RFC 7464's record separator. */
const isGap = (ch: string) => ch === " " || ch === "\n" || ch === "\r" || ch === "\t" || ch === "\uFEFF" || ch === "\u001E";

type Chunk = string | Uint8Array | ArrayBuffer;

/**
 * Parses streamed JSON documents as they arrive. Objects and arrays end at
 * their closing bracket, so documents need no separator between them; any
 * other value ends at the end of its line. Throws `StreamParseError` for a
 * document that is not JSON, that `validate` refuses, that is longer than
 * `maxRecordLength`, or that the stream ends in the middle of.
 */
export async function* parseJsonStream<T = unknown>(
  chunks: AsyncIterable<Chunk> | Iterable<Chunk>,
  options: ParseJsonStreamOptions<T> = {},
): AsyncGenerator<T, void, undefined> {
  const maxLength = options.maxRecordLength ?? 16 * 1024 * 1024;
  const where = options.source ? `${options.source}: ` : "";
  const decoder = new TextDecoder();
  let buffer = "";
  let position = 0; // next character of `buffer` to scan
  let start = -1; // start of the document being read, -1 between documents
  let bare = false; // reading a value that is not an object or array: it ends with its line
  let depth = 0;
  let inString = false;
  let escaped = false;
  let count = 0;

  const finish = (text: string): T => {
    count += 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new StreamParseError(`${where}record ${count} is not valid JSON (${detail}): ${shorten(text)}`, {
        reason: "invalid-json",
        record: count,
        text: shorten(text),
        cause: error,
      });
    }
    if (options.validate && !options.validate(value)) {
      throw new StreamParseError(`${where}record ${count} is not a ${options.recordName ?? "valid record"}: ${shorten(text)}`, {
        reason: "invalid-record",
        record: count,
        text: shorten(text),
      });
    }
    return value as T;
  };

  /** Scans what arrived; returns the complete documents in it. */
  const scan = (): string[] => {
    const done: string[] = [];
    for (; position < buffer.length; position += 1) {
      const ch = buffer[position] as string;
      if (start === -1) {
        if (isGap(ch)) continue;
        start = position;
        bare = ch !== "{" && ch !== "[";
        depth = bare ? 0 : 1;
        inString = false;
        escaped = false;
      } else if (bare) {
        if (ch === "\n") {
          done.push(buffer.slice(start, position).trim());
          start = -1;
        }
      } else if (inString) {
        if (escaped) escaped = false;
        else if (ch === "\\") escaped = true;
        else if (ch === '"') inString = false;
      } else if (ch === '"') {
        inString = true;
      } else if (ch === "{" || ch === "[") {
        depth += 1;
      } else if (ch === "}" || ch === "]") {
        depth -= 1;
        if (depth === 0) {
          done.push(buffer.slice(start, position + 1));
          start = -1;
        }
      }
    }
    // Keep only the document still being read.
    if (start === -1) {
      buffer = "";
      position = 0;
    } else {
      buffer = buffer.slice(start);
      position -= start;
      start = 0;
      if (buffer.length > maxLength) {
        throw new StreamParseError(`${where}record ${count + 1} is longer than ${maxLength} characters`, {
          reason: "too-long",
          record: count + 1,
          text: shorten(buffer),
        });
      }
    }
    return done;
  };

  for await (const chunk of chunks as AsyncIterable<Chunk>) {
    buffer +=
      typeof chunk === "string" ? chunk : decoder.decode(chunk instanceof ArrayBuffer ? new Uint8Array(chunk) : chunk, { stream: true });
    for (const text of scan()) yield finish(text);
  }
  buffer += decoder.decode();
  for (const text of scan()) yield finish(text);
  if (start !== -1) {
    const rest = buffer.trim();
    if (bare) {
      yield finish(rest);
    } else {
      throw new StreamParseError(`${where}the stream ended inside record ${count + 1}: ${shorten(rest)}`, {
        reason: "truncated",
        record: count + 1,
        text: shorten(rest),
      });
    }
  }
}
