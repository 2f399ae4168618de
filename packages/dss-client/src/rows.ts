// Reading a dataset's rows as they arrive: GET .../data/?format=tsv-excel-noheader,
// parsed with Papa Parse's incremental parser, then GET .../finish-streaming/.
import type { RequestOptions } from "@sciclients/core";
import Papa from "papaparse";
import type { DssClient } from "./client.js";
import { finishDatasetStreaming, getDatasetSchema } from "./generated/functions/datasets/datasets.js";
import { bodyChunks, openStream } from "./streaming.js";

/** One dataset row: column name to the cell's text as DSS wrote it ("" for an empty or null cell). */
export type DatasetRow = Record<string, string>;

export interface StreamDatasetRowsOptions {
  /** Partitions to read, as identifiers (`"2024-05-01"`) or one comma-separated spec; the whole dataset when omitted. */
  partitions?: string | readonly string[];
  /** Columns to read, in this order; every column of the schema when omitted. */
  columns?: readonly string[];
  /** Stops the read: the iterator rejects with `signal.reason` (an `AbortError` unless you gave another reason). */
  signal?: AbortSignal;
  /** Other request options (headers, timeout) for the calls made. */
  request?: Omit<RequestOptions, "client" | "signal">;
}

/** The rows DSS sent do not match the TSV format or the column list. `row` is the 1-based number of the offending row. */
export class DssRowStreamError extends Error {
  override readonly name = "DssRowStreamError";
  readonly row: number;
  constructor(message: string, row: number) {
    super(message);
    this.row = row;
  }
}

export function isDssRowStreamError(value: unknown): value is DssRowStreamError {
  return value instanceof DssRowStreamError;
}

const QUOTE = 34;
const LF = 10;

/** The line break of Excel-style TSV: that of the first line break outside quotes, once one arrived. */
function detectLineBreak(text: string): "\n" | "\r\n" | undefined {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) quoted = !quoted;
    else if (code === LF && !quoted) return i > 0 && text[i - 1] === "\r" ? "\r\n" : "\n";
  }
  return undefined;
}

interface Parsed {
  rows: string[][];
  consumed: number;
}

/** Parses the complete rows of `text` (all of it when `last`). */
function parseRows(text: string, newline: "\n" | "\r\n", last: boolean, rowsBefore: number): Parsed {
  const parser = new Papa.Parser({ delimiter: "\t", newline, quoteChar: '"', escapeChar: '"' });
  const result = parser.parse(text, 0, !last) as Papa.ParseResult<string[]>;
  const error = result.errors[0];
  if (error) {
    const row = rowsBefore + (error.row ?? 0) + 1;
    throw new DssRowStreamError(`Malformed TSV from DSS at row ${row}: ${error.message} (${error.code})`, row);
  }
  return { rows: result.data, consumed: result.meta.cursor };
}

/**
 * Parses Excel-style TSV (tab-separated, fields with tabs, line breaks or
 * quotes are quoted, quotes doubled; `\n` or `\r\n` line ends), DSS's
 * `tsv-excel-noheader` format, from chunks of text or UTF-8 bytes, yielding
 * each row as an array of strings as soon as it is complete.
 */
export async function* parseTsvRows(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<string[], void, undefined> {
  const decoder = new TextDecoder();
  let pending = "";
  let newline: "\n" | "\r\n" | undefined;
  let count = 0;
  for await (const chunk of chunks) {
    pending += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    newline ??= detectLineBreak(pending);
    if (newline === undefined) continue;
    const { rows, consumed } = parseRows(pending, newline, false, count);
    pending = pending.slice(consumed);
    for (const row of rows) {
      count += 1;
      yield row;
    }
  }
  pending += decoder.decode();
  if (pending === "") return;
  for (const row of parseRows(pending, newline ?? "\n", true, count).rows) yield row;
}

function newReadSessionId(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === "function") return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Streams the rows of a dataset, like the official client's `DSSDataset.iter_rows`.
 *
 * Reads the column names from `getDatasetSchema` (unless `columns` are given),
 * requests `GET /projects/{projectKey}/datasets/{datasetName}/data/` in the
 * `tsv-excel-noheader` format with a fresh `readSessionId`, and yields each row
 * as an object from column name to the cell's text (values are not converted:
 * use the schema's column types to do so) as soon as it has arrived, parsing
 * values with tabs, line breaks and quotes inside.
 *
 * When the iteration ends, `GET .../finish-streaming/?readSessionId=…` is
 * called: after the last row, to verify the read (its failure, meaning the
 * rows may be incomplete, rejects the iteration with an `ApiError`), and also
 * when you leave the loop early (`break`, `return`, a thrown error) or the
 * read fails, to close the read session on DSS; its failure is ignored then.
 *
 * A row with a different number of cells than columns rejects with {@link DssRowStreamError}.
 */
export async function* streamDatasetRows(
  client: DssClient,
  projectKey: string,
  datasetName: string,
  options: StreamDatasetRowsOptions = {},
): AsyncGenerator<DatasetRow, void, undefined> {
  const base: RequestOptions = { ...options.request, client };
  const withSignal: RequestOptions = options.signal ? { ...base, signal: options.signal } : base;
  options.signal?.throwIfAborted();
  const names = options.columns
    ? [...options.columns]
    : (
        await getDatasetSchema(projectKey, datasetName, withSignal).catch((error: unknown) => {
          if (options.signal?.aborted) throw options.signal.reason;
          throw error;
        })
      ).columns.map((c) => c.name);
  const readSessionId = newReadSessionId();
  const partitions = typeof options.partitions === "string" ? options.partitions : options.partitions?.join(",");
  const path = `/projects/${encodeURIComponent(projectKey)}/datasets/${encodeURIComponent(datasetName)}/data/`;
  // The read's own signal: the caller's, and aborted when the loop is left early, to end the transfer.
  const read = new AbortController();
  const forward = () => read.abort(options.signal?.reason);
  if (options.signal?.aborted) forward();
  else options.signal?.addEventListener("abort", forward, { once: true });

  let opened = false;
  let complete = false;
  try {
    const response = await openStream(client, "streamDatasetRows", {
      method: "GET",
      url: path,
      params: { format: "tsv-excel-noheader", partitions: partitions || undefined, columns: options.columns?.join(","), readSessionId },
      ...(options.request ? { request: options.request } : {}),
      signal: read.signal,
    });
    opened = true;
    let row = 0;
    for await (const cells of parseTsvRows(bodyChunks(response.data))) {
      options.signal?.throwIfAborted();
      row += 1;
      if (cells.length !== names.length) {
        throw new DssRowStreamError(
          `Row ${row} of ${projectKey}.${datasetName} has ${cells.length} cells for ${names.length} columns`,
          row,
        );
      }
      // fromEntries defines own properties, so a column named "__proto__" stays a column.
      yield Object.fromEntries(names.map((name, i) => [name, cells[i] as string]));
    }
    complete = true;
  } catch (error) {
    // However the transport reports it, a read stopped by the caller's signal rejects with its reason.
    if (options.signal?.aborted) throw options.signal.reason;
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", forward);
    if (complete) {
      await finishDatasetStreaming(projectKey, datasetName, { readSessionId }, withSignal);
    } else {
      read.abort();
      // Left early or failed after DSS answered: close the session, without the (maybe aborted) signal.
      if (opened) await finishDatasetStreaming(projectKey, datasetName, { readSessionId }, base).catch(() => undefined);
    }
  }
}
