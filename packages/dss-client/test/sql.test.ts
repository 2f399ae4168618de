// streamSqlQuery against MSW: the query sent, rows typed from the result's schema
// as they arrive in small chunks, the read verified at the end, and the failures:
// a query DSS refuses, a read DSS reports as failed, a row of the wrong width.
import { ApiError, DssRowStreamError, type SqlRow, sqlCell, streamSqlQuery } from "@sciclients/dss-client";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { dss, setupDssServer } from "./support.js";

const { server, requests } = setupDssServer();

const schema = [
  { name: "customer_id", type: "string" },
  { name: "tenure_days", type: "int" },
  { name: "spend", type: "double" },
  { name: "churned", type: "boolean" },
  { name: "signup", type: "dateonly" },
];

const TSV = ["C1\t420\t35.5\ttrue\t2023-01-05", "C2\t\t\t\t", '"C3\twith tab"\t7\t-0.25\tFALSE\t2024-02-29'].join("\n");

function chunked(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else {
        controller.enqueue(bytes.slice(at, at + size));
        at += size;
      }
    },
  });
}

function queryHandlers({ rows = TSV, finish = () => new HttpResponse(null, { status: 204 }) as Response } = {}) {
  const sent: unknown[] = [];
  return {
    sent,
    handlers: [
      http.post("*/sql/queries/", async ({ request }) => {
        sent.push(await request.json());
        return HttpResponse.json({ queryId: "q-6Tr2pZ", schema });
      }),
      http.get("*/sql/queries/q-6Tr2pZ/stream", ({ request }) => {
        expect(new URL(request.url).searchParams.get("format")).toBe("tsv-excel-noheader");
        return new HttpResponse(chunked(rows, 7), { headers: { "content-type": "text/tab-separated-values" } });
      }),
      http.get("*/sql/queries/q-6Tr2pZ/finish-streaming", finish),
    ],
  };
}

describe("streamSqlQuery", () => {
  it("runs the query and yields typed rows as they arrive, then verifies the read", async () => {
    const { sent, handlers } = queryHandlers();
    server.use(...handlers);
    const columns: string[] = [];
    const rows: SqlRow[] = [];
    for await (const row of streamSqlQuery(
      dss,
      { query: "SELECT * FROM customers", connection: "postgres_dwh" },
      { onSchema: (c) => columns.push(...c.map((x) => x.name)) },
    )) {
      rows.push(row);
    }
    expect(columns).toEqual(["customer_id", "tenure_days", "spend", "churned", "signup"]);
    expect(rows).toEqual([
      { customer_id: "C1", tenure_days: 420, spend: 35.5, churned: true, signup: "2023-01-05" },
      { customer_id: "C2", tenure_days: null, spend: null, churned: null, signup: "" },
      { customer_id: "C3\twith tab", tenure_days: 7, spend: -0.25, churned: false, signup: "2024-02-29" },
    ]);
    // The official client's defaults travel with the query.
    expect(sent).toEqual([
      {
        query: "SELECT * FROM customers",
        connection: "postgres_dwh",
        type: "sql",
        readTimestampWithoutTimezoneAsString: true,
        datetimenotzReadMode: "AS_IS",
        dateonlyReadMode: "AS_IS",
      },
    ]);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /sql/queries/",
      "GET /sql/queries/q-6Tr2pZ/stream",
      "GET /sql/queries/q-6Tr2pZ/finish-streaming",
    ]);
  });

  it("keeps the text with raw: true, and types rows as the caller says", async () => {
    server.use(...queryHandlers().handlers);
    const rows: { customer_id: string; tenure_days: string }[] = [];
    for await (const row of streamSqlQuery<{ customer_id: string; tenure_days: string }>(
      dss,
      { query: "SELECT 1", connection: "c" },
      { raw: true },
    ))
      rows.push(row);
    expect(rows.map((r) => r.tenure_days)).toEqual(["420", "", "7"]);
  });

  it("a query DSS refuses rejects with an ApiError carrying DSS's message, and reads nothing", async () => {
    server.use(
      http.post("*/sql/queries/", () =>
        HttpResponse.json(
          { errorType: "java.sql.SQLException", message: 'relation "customerz" does not exist', detailedMessage: "..." },
          { status: 400 },
        ),
      ),
    );
    const error = await streamSqlQuery(dss, { query: "SELECT * FROM customerz", connection: "postgres_dwh" })
      .next()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, body: { message: 'relation "customerz" does not exist' } });
    expect(requests.map((r) => r.path)).toEqual(["/sql/queries/"]);
  });

  it("a read DSS reports as failed at the end rejects after the rows, with an ApiError", async () => {
    const { handlers } = queryHandlers({
      finish: () => HttpResponse.json({ errorType: "java.sql.SQLException", message: "Query cancelled by the database" }, { status: 500 }),
    });
    server.use(...handlers);
    const rows: SqlRow[] = [];
    const error = await (async () => {
      for await (const row of streamSqlQuery(dss, { query: "SELECT * FROM customers", connection: "postgres_dwh" })) rows.push(row);
    })().catch((e: unknown) => e);
    expect(rows).toHaveLength(3);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500, body: { message: "Query cancelled by the database" } });
  });

  it("a row with more cells than columns rejects with DssRowStreamError, without verifying the read", async () => {
    server.use(...queryHandlers({ rows: "C1\t1\t2\ttrue\t2023-01-05\textra\n" }).handlers);
    const error = await streamSqlQuery(dss, { query: "SELECT 1", connection: "c" })
      .next()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DssRowStreamError);
    expect(requests.map((r) => r.path)).not.toContain("/sql/queries/q-6Tr2pZ/finish-streaming");
  });

  it("converts cells as the official client does", () => {
    expect(sqlCell("bigint", "9007199254740991")).toBe(9007199254740991);
    expect(sqlCell("float", "1e3")).toBe(1000);
    expect(sqlCell("int", "n/a")).toBeNull();
    expect(sqlCell("boolean", "True")).toBe(true);
    expect(sqlCell("string", "")).toBe("");
    expect(sqlCell("date", "2024-05-02T09:14:31.118Z")).toBe("2024-05-02T09:14:31.118Z");
  });
});
