// SQL queries with their rows streamed back, like the official client's
// DSSClient.sql_query(...).iter_rows(): POST /sql/queries/, then the rows as
// TSV from /sql/queries/{queryId}/stream, then /finish-streaming to verify.
import type { RequestOptions } from "@sciclients/core";
import type { DssClient } from "./client.js";
import { finishSqlQueryStreaming, startSqlQuery } from "./generated/functions/sql-queries/sql-queries.js";
import type { DatasetSchemaColumn, SqlQueryRequest } from "./generated/model/index.js";
import { DssRowStreamError, parseTsvRows } from "./rows.js";
import { bodyChunks, openStream } from "./streaming.js";

/** A cell as `streamSqlQuery` gives it: numbers and booleans typed, an empty cell of a non-text column `null`. */
export type SqlValue = string | number | boolean | null;
/** One row of a SQL query: column name to typed value. */
export type SqlRow = Record<string, SqlValue>;

export interface StreamSqlQueryOptions {
  /** Receives the result's columns (name and DSS storage type) before the first row. */
  onSchema?: (columns: DatasetSchemaColumn[]) => void;
  /** Keep every cell as the text DSS sent instead of converting by column type. */
  raw?: boolean;
  /** Stops the query's read: the iterator rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Other request options (headers, timeout) for the calls made. */
  request?: Omit<RequestOptions, "client" | "signal">;
}

const NUMERIC = new Set(["tinyint", "smallint", "int", "bigint", "float", "double"]);

/**
 * Converts one cell by the column's storage type, as the official client does: integer and
 * floating types to numbers, `boolean` to true/false, anything else kept as text. An empty
 * cell of a numeric or boolean column is `null` (DSS writes SQL NULL as an empty cell);
 * dates stay ISO text, since `dateonly` and `datetimenotz` have no time zone to give a Date.
 */
export function sqlCell(type: string, text: string): SqlValue {
  if (NUMERIC.has(type)) {
    if (text === "") return null;
    const value = Number(text);
    return Number.isNaN(value) ? null : value;
  }
  if (type === "boolean") return text === "" ? null : text.toLowerCase() === "true";
  return text;
}

/**
 * Runs a SQL query on a connection (or a dataset's connection) and yields its rows as they
 * arrive, typed from the result's schema. `Row` is the shape you expect; it is not checked.
 *
 * After the last row, `finishSqlQueryStreaming` verifies that the query completed: a failure
 * there rejects the iteration with an `ApiError` (the rows read may be incomplete). A query DSS
 * refuses (bad SQL, unknown connection) rejects at the first `next()` with an `ApiError`
 * carrying DSS's message. Leaving the loop early stops the transfer.
 */
export async function* streamSqlQuery<Row extends Record<string, unknown> = SqlRow>(
  client: DssClient,
  query: SqlQueryRequest,
  options: StreamSqlQueryOptions = {},
): AsyncGenerator<Row, void, undefined> {
  const base: RequestOptions = { ...options.request, client };
  const withSignal: RequestOptions = options.signal ? { ...base, signal: options.signal } : base;
  options.signal?.throwIfAborted();
  const { type = "sql", readTimestampWithoutTimezoneAsString = true, datetimenotzReadMode = "AS_IS", dateonlyReadMode = "AS_IS" } = query;
  const started = await startSqlQuery(
    { ...query, type, readTimestampWithoutTimezoneAsString, datetimenotzReadMode, dateonlyReadMode },
    withSignal,
  );
  const columns = started.schema;
  options.onSchema?.(columns);

  const read = new AbortController();
  const forward = () => read.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", forward, { once: true });
  let complete = false;
  try {
    const response = await openStream(client, "streamSqlQuery", {
      method: "GET",
      url: `/sql/queries/${encodeURIComponent(started.queryId)}/stream`,
      params: { format: "tsv-excel-noheader" },
      ...(options.request ? { request: options.request } : {}),
      signal: read.signal,
    });
    let row = 0;
    for await (const cells of parseTsvRows(bodyChunks(response.data))) {
      options.signal?.throwIfAborted();
      row += 1;
      if (cells.length !== columns.length) {
        throw new DssRowStreamError(
          `Row ${row} of SQL query ${started.queryId} has ${cells.length} cells for ${columns.length} columns`,
          row,
        );
      }
      yield Object.fromEntries(
        columns.map((column, i) => [column.name, options.raw ? (cells[i] as string) : sqlCell(column.type, cells[i] as string)]),
      ) as Row;
    }
    complete = true;
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", forward);
    if (!complete) read.abort();
  }
  await finishSqlQueryStreaming(started.queryId, withSignal);
}
