// streamDatasetRows against MSW with bodies sent in small chunks: Excel-style
// TSV with tabs, line breaks and quotes inside values, the read session
// verified at the end and closed on an early exit.
import { ApiError, DssRowStreamError, isDssRowStreamError, parseTsvRows, streamDatasetRows } from "@sciclients/dss-client";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { dss, setupDssServer } from "./support.js";

const { server, requests } = setupDssServer();

/** A response body sent `size` bytes at a time, so rows, quoted values and UTF-8 characters straddle chunks. */
function chunked(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

const schema = {
  columns: [
    { name: "id", type: "bigint" },
    { name: "note", type: "string" },
    { name: "city", type: "string" },
  ],
};

// What DSS sends for tsv-excel-noheader: values holding a tab, a line break or a
// quote are quoted, quotes inside are doubled; an empty cell is empty.
const TSV = [
  "1\tplain\tGenève",
  '2\t"tab\there"\tOslo',
  '3\t"line one\nline two"\tKraków',
  '4\t"she said ""hi"""\tLyon',
  "5\t\t",
  '6\t"all\tof ""it""\r\nat once"\t😀',
].join("\n");

const EXPECTED = [
  { id: "1", note: "plain", city: "Genève" },
  { id: "2", note: "tab\there", city: "Oslo" },
  { id: "3", note: "line one\nline two", city: "Kraków" },
  { id: "4", note: 'she said "hi"', city: "Lyon" },
  { id: "5", note: "", city: "" },
  { id: "6", note: 'all\tof "it"\r\nat once', city: "😀" },
];

function datasetHandlers(body: () => BodyInit, finish: () => Response = () => new HttpResponse(null, { status: 204 })) {
  const finished: string[] = [];
  const handlers = [
    http.get("*/projects/:projectKey/datasets/:datasetName/schema", () => HttpResponse.json(schema)),
    http.get("*/projects/:projectKey/datasets/:datasetName/data/", ({ params }) => {
      expect(params).toMatchObject({ projectKey: "SALES", datasetName: "customers" });
      return new HttpResponse(body(), { headers: { "Content-Type": "text/tab-separated-values; charset=utf-8" } });
    }),
    http.get("*/projects/:projectKey/datasets/:datasetName/finish-streaming/", ({ request }) => {
      finished.push(new URL(request.url).searchParams.get("readSessionId") ?? "");
      return finish();
    }),
  ];
  return { handlers, finished };
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

describe("streamDatasetRows", () => {
  it("yields rows keyed by the schema's column names, with tabs, line breaks and quotes inside values, then verifies the read", async () => {
    const { handlers, finished } = datasetHandlers(() => chunked(TSV, 5));
    server.use(...handlers);
    const rows = await collect(streamDatasetRows(dss, "SALES", "customers", { partitions: ["2024-05-01", "2024-05-02"] }));

    expect(rows).toEqual(EXPECTED);
    expect(requests.map((r) => r.path)).toEqual([
      "/projects/SALES/datasets/customers/schema",
      "/projects/SALES/datasets/customers/data/",
      "/projects/SALES/datasets/customers/finish-streaming/",
    ]);
    const data = requests[1]?.query ?? {};
    expect(data.format).toEqual(["tsv-excel-noheader"]);
    expect(data.partitions).toEqual(["2024-05-01,2024-05-02"]);
    expect(data.columns).toBeUndefined();
    expect(data.readSessionId?.[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(finished).toEqual(data.readSessionId);
  });

  it("hands over each row before the rest of the body has arrived", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const encoder = new TextEncoder();
    const body = () =>
      new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(encoder.encode("1\tfirst\tA\n2\t"));
          await gate;
          controller.enqueue(encoder.encode("second\tB\n"));
          controller.close();
        },
      });
    server.use(...datasetHandlers(body).handlers);
    const rows = streamDatasetRows(dss, "SALES", "customers");
    const first = await rows.next();
    expect(first.value).toEqual({ id: "1", note: "first", city: "A" });
    release();
    expect(await collect(rows)).toEqual([{ id: "2", note: "second", city: "B" }]);
  });

  it("calls finish-streaming with the read's session id when the loop breaks early", async () => {
    const { handlers, finished } = datasetHandlers(() => chunked(TSV, 7));
    server.use(...handlers);
    const seen: Record<string, string>[] = [];
    for await (const row of streamDatasetRows(dss, "SALES", "customers")) {
      seen.push(row);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(EXPECTED.slice(0, 2));
    expect(finished).toHaveLength(1);
    expect(finished).toEqual(requests.find((r) => r.path.endsWith("/data/"))?.query.readSessionId);
  });

  it("aborting the signal mid-read rejects with its reason and still closes the session", async () => {
    const { handlers, finished } = datasetHandlers(() => chunked(TSV, 9));
    server.use(...handlers);
    const controller = new AbortController();
    const seen: Record<string, string>[] = [];
    const error = await (async () => {
      for await (const row of streamDatasetRows(dss, "SALES", "customers", { signal: controller.signal })) {
        seen.push(row);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect((error as Error).name).toBe("AbortError");
    expect(finished).toHaveLength(1);

    await expect(streamDatasetRows(dss, "SALES", "customers", { signal: AbortSignal.abort() }).next()).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("with columns, asks DSS for those columns in that order and skips the schema", async () => {
    server.use(...datasetHandlers(() => 'Oslo\t"two\nlines"\nLyon\tx\n').handlers);
    const rows = await collect(streamDatasetRows(dss, "SALES", "customers", { columns: ["city", "note"], partitions: "2024-05-01" }));
    expect(rows).toEqual([
      { city: "Oslo", note: "two\nlines" },
      { city: "Lyon", note: "x" },
    ]);
    expect(requests.map((r) => r.path)).not.toContain("/projects/SALES/datasets/customers/schema");
    expect(requests[0]?.query).toMatchObject({ columns: ["city,note"], partitions: ["2024-05-01"] });
  });

  it("an empty dataset yields nothing and is still verified", async () => {
    const { handlers, finished } = datasetHandlers(() => "");
    server.use(...handlers);
    expect(await collect(streamDatasetRows(dss, "SALES", "customers"))).toEqual([]);
    expect(finished).toHaveLength(1);
  });

  it("a failed verification rejects with the ApiError: the rows may be incomplete", async () => {
    server.use(
      ...datasetHandlers(
        () => chunked(TSV, 64),
        () => HttpResponse.json({ errorType: "com.dataiku.dip.io.StreamFailed", message: "Read interrupted" }, { status: 500 }),
      ).handlers,
    );
    const rows: unknown[] = [];
    const error = await (async () => {
      for await (const row of streamDatasetRows(dss, "SALES", "customers")) rows.push(row);
    })().catch((e: unknown) => e);
    expect(rows).toHaveLength(EXPECTED.length);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500, code: "com.dataiku.dip.io.StreamFailed" });
  });

  it("a refused data request rejects with an ApiError carrying DSS's error body", async () => {
    server.use(
      http.get("*/projects/:projectKey/datasets/:datasetName/data/", () =>
        HttpResponse.json(
          { errorType: "com.dataiku.dip.exceptions.NotFoundException", message: "Dataset SALES.nope not found" },
          { status: 404 },
        ),
      ),
    );
    const error = await collect(streamDatasetRows(dss, "SALES", "nope", { columns: ["id"] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      service: "dss",
      status: 404,
      code: "com.dataiku.dip.exceptions.NotFoundException",
      body: { errorType: "com.dataiku.dip.exceptions.NotFoundException", message: "Dataset SALES.nope not found" },
      method: "GET",
    });
    expect((error as ApiError).message).toContain("Dataset SALES.nope not found");
  });

  it("a row with the wrong number of cells rejects with DssRowStreamError, and the session is still closed", async () => {
    const { handlers, finished } = datasetHandlers(() => "1\ta\tb\n2\tonly two\n");
    server.use(...handlers);
    const error = await collect(streamDatasetRows(dss, "SALES", "customers")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DssRowStreamError);
    expect(isDssRowStreamError(error)).toBe(true);
    expect(error).toMatchObject({ row: 2, message: "Row 2 of SALES.customers has 2 cells for 3 columns" });
    expect(finished).toHaveLength(1);
  });

  it("a body cut inside a quoted value rejects with DssRowStreamError", async () => {
    server.use(...datasetHandlers(() => '1\ta\tb\n2\t"never closed\tc').handlers);
    await expect(collect(streamDatasetRows(dss, "SALES", "customers"))).rejects.toMatchObject({ name: "DssRowStreamError", row: 2 });
  });
});

describe("parseTsvRows", () => {
  it("reads CRLF line ends, even split between \\r and \\n, and bytes split inside a UTF-8 character", async () => {
    const bytes = new TextEncoder().encode('a\t"x\r\ny"\r\nñ\tz\r\n');
    const cut = bytes.indexOf(0xc3); // first byte of ñ
    const chunks = [bytes.slice(0, 9), bytes.slice(9, cut + 1), bytes.slice(cut + 1)];
    expect(new TextDecoder().decode(chunks[0]).endsWith("\r")).toBe(true);
    expect(await collect(parseTsvRows(chunks))).toEqual([
      ["a", "x\r\ny"],
      ["ñ", "z"],
    ]);
  });

  it("reads text chunks, a last row without a line end, and one chunk per character", async () => {
    const text = '"a\tb"\t""\n"q""\n"\tlast';
    expect(await collect(parseTsvRows([text]))).toEqual([
      ["a\tb", ""],
      ['q"\n', "last"],
    ]);
    expect(await collect(parseTsvRows(text.split("")))).toEqual([
      ["a\tb", ""],
      ['q"\n', "last"],
    ]);
  });
});
