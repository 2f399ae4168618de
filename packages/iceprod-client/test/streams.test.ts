// Streamed answers in Node (axios http adapter): the JSON-stream reader's edge
// cases, then the log-deletion progress and bulk task stats against MSW.
import { PassThrough } from "node:stream";
import {
  ApiError,
  createIceprodClient,
  deleteDatasetLogsByTask,
  deleteDatasetLogsWithProgress,
  type IceprodClient,
  iterateDatasetTaskStats,
  keys,
  type LogDeletionProgress,
  parseJsonStream,
  StreamParseError,
  streamJson,
  type TaskLogDeletionProgress,
  type TaskStatRecord,
} from "@sciclients/iceprod-client";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const BASE = "https://iceprod.test";
const delays: number[] = [];
const client: IceprodClient = createIceprodClient({
  baseURL: BASE,
  retry: {
    sleep: async (ms) => {
      delays.push(ms);
    },
  },
});

const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};

const failureOf = async (pending: Promise<unknown>): Promise<unknown> =>
  pending.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );

const encoder = new TextEncoder();

/** A response body sent as these chunks, each in its own write. */
function chunked(chunks: (string | Uint8Array)[], after?: (controller: ReadableStreamDefaultController<Uint8Array>) => void) {
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const chunk of chunks) {
        controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (after) after(controller);
      else controller.close();
    },
  });
}

const ndjson = (body: ReadableStream<Uint8Array> | string, status = 200) =>
  new HttpResponse(body, { status, headers: { "Content-Type": "application/x-ndjson" } });

describe("parseJsonStream", () => {
  it("joins a record split across chunks, even inside a string and a multi-byte character", async () => {
    const bytes = encoder.encode('{"site": "Zürich", "n": 1}\n{"site": "Chiba", "n": 2}\n');
    // split inside the two-byte "ü", then inside the second record's key
    const chunks = [bytes.slice(0, 12), bytes.slice(12, 31), bytes.slice(31)];
    expect(await collect(parseJsonStream(chunks))).toEqual([
      { site: "Zürich", n: 1 },
      { site: "Chiba", n: 2 },
    ]);
  });

  it("splits documents written back to back without a newline", async () => {
    const text =
      '{"status": "deleting", "percent_complete": 50.0}{"status": "deleting", "percent_complete": 100.0}{"status": "complete", "percent_complete": 100.0}';
    expect(await collect(parseJsonStream([text.slice(0, 30), text.slice(30)]))).toEqual([
      { status: "deleting", percent_complete: 50 },
      { status: "deleting", percent_complete: 100 },
      { status: "complete", percent_complete: 100 },
    ]);
  });

  it("skips blank lines, CRLF and whitespace, and is not fooled by brackets and quotes inside strings", async () => {
    const text = '\n\n  {"msg": "a } b { \\" ]"}\r\n\r\n\t[1, [2]]\n\n   \n42\n"text"\ntrue';
    expect(await collect(parseJsonStream([text]))).toEqual([{ msg: 'a } b { " ]' }, [1, [2]], 42, "text", true]);
  });

  it("gives nothing for an empty stream", async () => {
    expect(await collect(parseJsonStream([]))).toEqual([]);
    expect(await collect(parseJsonStream(["\n \n"]))).toEqual([]);
  });

  it("a malformed record fails with a clear error naming the record and its text", async () => {
    const source = "iceprod: DELETE /datasets/d1/logs";
    const error = await failureOf(collect(parseJsonStream(['{"ok": 1}\n{"status": deleting}\n{"ok": 3}\n'], { source })));
    expect(error).toBeInstanceOf(StreamParseError);
    const parseError = error as StreamParseError;
    expect(parseError.reason).toBe("invalid-json");
    expect(parseError.record).toBe(2);
    expect(parseError.text).toBe('{"status": deleting}');
    expect(parseError.message).toMatch(/^iceprod: DELETE \/datasets\/d1\/logs: record 2 is not valid JSON \(.+\): \{"status": deleting\}$/);
  });

  it("text between documents is a malformed record, not silently dropped", async () => {
    const error = (await failureOf(collect(parseJsonStream(['{"a": 1}oops\n{"b": 2}'])))) as StreamParseError;
    expect(error).toBeInstanceOf(StreamParseError);
    expect(error.record).toBe(2);
    expect(error.text).toBe("oops");
  });

  it("a stream that ends inside a document fails as truncated", async () => {
    const seen: unknown[] = [];
    const error = (await failureOf(
      (async () => {
        for await (const record of parseJsonStream(['{"a": 1}\n{"b": [1, 2'])) seen.push(record);
      })(),
    )) as StreamParseError;
    expect(seen).toEqual([{ a: 1 }]);
    expect(error.reason).toBe("truncated");
    expect(error.message).toContain('the stream ended inside record 2: {"b": [1, 2');
  });

  it("refuses records that validate rejects, and documents longer than the limit", async () => {
    const isNumbered = (value: unknown): value is { n: number } => typeof (value as { n?: unknown }).n === "number";
    const invalid = (await failureOf(
      collect(parseJsonStream(['{"n": 1}\n{"m": 2}\n'], { validate: isNumbered, recordName: "Numbered" })),
    )) as StreamParseError;
    expect(invalid.reason).toBe("invalid-record");
    expect(invalid.message).toBe('record 2 is not a Numbered: {"m": 2}');
    const tooLong = (await failureOf(collect(parseJsonStream(['{"a": "', "x".repeat(100)], { maxRecordLength: 50 })))) as StreamParseError;
    expect(tooLong.reason).toBe("too-long");
  });
});

describe("deleteDatasetLogsWithProgress", () => {
  it("yields typed progress documents written back to back and split across chunks, until complete", async () => {
    let method = "";
    server.use(
      http.delete(`${BASE}/datasets/:id/logs`, ({ request, params }) => {
        method = `${request.method} ${String(params.id)}`;
        return ndjson(
          chunked([
            '{"status": "deleting", "percent_complete": 33.3, "total": 3}{"status": "del',
            'eting", "percent_complete": 66.7, "total": 3}',
            '{"status": "deleting", "percent_complete": 100.0, "total": 3}\n',
            '{"status": "complete", "percent_complete": 100.0}',
          ]),
        );
      }),
    );
    const progress: LogDeletionProgress[] = await collect(deleteDatasetLogsWithProgress(client, "d1"));
    expect(method).toBe("DELETE d1");
    expect(progress.map((p) => [p.status, p.percent_complete])).toEqual([
      ["deleting", 33.3],
      ["deleting", 66.7],
      ["deleting", 100],
      ["complete", 100],
    ]);
    expect(progress[0]?.total).toBe(3);
  });

  it("percent-encodes the dataset id", async () => {
    let path = "";
    server.use(
      http.delete(`${BASE}/datasets/:id/logs`, ({ request }) => {
        path = new URL(request.url).pathname;
        return ndjson('{"status": "complete", "percent_complete": 100}\n');
      }),
    );
    await collect(deleteDatasetLogsWithProgress(client, "a/b c"));
    expect(path).toBe("/datasets/a%2Fb%20c/logs");
  });

  it("a stream that ends without the complete document fails: the deletion may not have finished", async () => {
    server.use(http.delete(`${BASE}/datasets/:id/logs`, () => ndjson('{"status": "deleting", "percent_complete": 50, "total": 2}\n')));
    const seen: LogDeletionProgress[] = [];
    const error = await failureOf(
      (async () => {
        for await (const p of deleteDatasetLogsWithProgress(client, "d1")) seen.push(p);
      })(),
    );
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).reason).toBe("incomplete");
    expect((error as StreamParseError).message).toContain('without its "complete" document');
  });

  it("a document that is not progress fails with a clear error", async () => {
    server.use(http.delete(`${BASE}/datasets/:id/logs`, () => ndjson('{"status": "deleting", "percent": 10}\n')));
    const error = (await failureOf(collect(deleteDatasetLogsWithProgress(client, "d1")))) as StreamParseError;
    expect(error).toBeInstanceOf(StreamParseError);
    expect(error.message).toBe(
      'iceprod: DELETE /datasets/d1/logs: record 1 is not a LogDeletionProgress: {"status": "deleting", "percent": 10}',
    );
  });

  it("an HTTP error is an ApiError with the service's {code, error} body", async () => {
    server.use(http.delete(`${BASE}/datasets/:id/logs`, () => HttpResponse.json({ code: 403, error: "no write access" }, { status: 403 })));
    const error = (await failureOf(collect(deleteDatasetLogsWithProgress(client, "d1")))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(403);
    expect(error.body).toEqual({ code: 403, error: "no write access" });
    expect(error.message).toBe("iceprod: DELETE https://iceprod.test/datasets/d1/logs answered 403: no write access");
  });

  it("the 500 IceProd's server answers every time is not retried, and the error says why and what to use instead", async () => {
    delays.length = 0;
    let calls = 0;
    server.use(
      http.delete(`${BASE}/datasets/:id/logs`, () => {
        calls += 1;
        return HttpResponse.json({ code: 500, error: "Internal Server Error" }, { status: 500 });
      }),
    );
    const error = (await failureOf(collect(deleteDatasetLogsWithProgress(client, "d1")))) as ApiError;
    expect(calls).toBe(1);
    expect(delays).toEqual([]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(500);
    expect(error.body).toEqual({ code: 500, error: "Internal Server Error" });
    expect(error.message).toMatch(/^iceprod: DELETE https:\/\/iceprod\.test\/datasets\/d1\/logs answered 500: Internal Server Error \(/);
    expect(error.message).toContain("fails on every call");
    expect(error.message).toContain("deleteDatasetLogsByTask");
    expect(error.cause).toMatchObject({ name: "ApiError" });
  });

  it("a 503 before the stream starts is retried (DELETE is idempotent), honouring Retry-After", async () => {
    delays.length = 0;
    let calls = 0;
    server.use(
      http.delete(`${BASE}/datasets/:id/logs`, () => {
        calls += 1;
        if (calls === 1) return HttpResponse.json({ code: 503, error: "busy" }, { status: 503, headers: { "Retry-After": "3" } });
        return ndjson('{"status": "complete", "percent_complete": 100}\n');
      }),
    );
    expect(await collect(deleteDatasetLogsWithProgress(client, "d1"))).toEqual([{ status: "complete", percent_complete: 100 }]);
    expect(calls).toBe(2);
    expect(delays).toEqual([3000]);
  });

  it("aborting while records arrive stops the stream with an ApiError ERR_CANCELED", async () => {
    server.use(
      http.delete(`${BASE}/datasets/:id/logs`, () =>
        ndjson(
          chunked(['{"status": "deleting", "percent_complete": 10, "total": 10}\n'], () => {
            // the server keeps the stream open: only the abort ends it
          }),
        ),
      ),
    );
    const controller = new AbortController();
    const seen: LogDeletionProgress[] = [];
    const error = (await failureOf(
      (async () => {
        for await (const p of deleteDatasetLogsWithProgress(client, "d1", { signal: controller.signal })) {
          seen.push(p);
          controller.abort();
        }
      })(),
    )) as ApiError;
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("ERR_CANCELED");
    expect(error.method).toBe("DELETE");
  });

  it("an abort before the request is sent fails at once without a request", async () => {
    let calls = 0;
    server.use(
      http.delete(`${BASE}/datasets/:id/logs`, () => {
        calls += 1;
        return ndjson("");
      }),
    );
    const controller = new AbortController();
    controller.abort();
    const error = (await failureOf(collect(deleteDatasetLogsWithProgress(client, "d1", { signal: controller.signal })))) as ApiError;
    expect(error.code).toBe("ERR_CANCELED");
    expect(calls).toBe(0);
  });

  it("a connection cut mid-stream is an ApiError without a status", async () => {
    server.use(
      http.delete(`${BASE}/datasets/:id/logs`, () =>
        ndjson(
          chunked(['{"status": "deleting", "percent_complete": 10, "total": 10}\n'], (controller) => controller.error(new Error("reset"))),
        ),
      ),
    );
    const seen: LogDeletionProgress[] = [];
    const error = (await failureOf(
      (async () => {
        for await (const p of deleteDatasetLogsWithProgress(client, "d1")) seen.push(p);
      })(),
    )) as ApiError;
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBeUndefined();
    expect(error.service).toBe("iceprod");
  });
});

describe("iterateDatasetTaskStats", () => {
  it("sends the filters and yields typed task statistics, skipping blank lines", async () => {
    let query = "";
    server.use(
      http.get(`${BASE}/datasets/:id/bulk/task_stats`, ({ request }) => {
        query = new URL(request.url).search;
        return ndjson(
          chunked([
            '{"task_stat_id": "s1", "task_id": "t1", "stats": {"site": "UW-Madison", "time_used": 5472}}\n\n',
            '\n{"task_stat_id": "s2", "task_id": "t2", "st',
            'ats": {"site": "DESY"}}\n',
          ]),
        );
      }),
    );
    const stats: TaskStatRecord[] = await collect(
      iterateDatasetTaskStats(client, "d1", { last: true, keys: keys(["stats", "task_id"]), buffer_size: 50 }),
    );
    expect(query).toBe("?last=true&keys=stats%7Ctask_id%7Ctask_stat_id%7Ccreate_date&buffer_size=50");
    expect(stats.map((s) => [s.task_stat_id, s.stats?.site])).toEqual([
      ["s1", "UW-Madison"],
      ["s2", "DESY"],
    ]);
  });

  it("with last=true and keys, the ids the server would drop are asked for, so every record keeps them", async () => {
    // As IceProd does with last=true: only the listed keys of each task's newest statistic are written.
    const rows = [
      { task_stat_id: "s1", task_id: "t1", dataset_id: "d1", create_date: "2024-03-05T18:02:13", stats: { site: "UW-Madison" } },
      { task_stat_id: "s2", task_id: "t2", dataset_id: "d1", create_date: "2024-03-05T19:00:00", stats: { site: "DESY" } },
    ];
    server.use(
      http.get(`${BASE}/datasets/:id/bulk/task_stats`, ({ request }) => {
        const listed = (new URL(request.url).searchParams.get("keys") ?? "").split("|");
        const lines = rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).filter(([k]) => listed.includes(k)))));
        return ndjson(`${lines.join("\n")}\n`);
      }),
    );
    const stats = await collect(iterateDatasetTaskStats(client, "d1", { last: true, keys: keys(["stats"]) }));
    expect(stats).toEqual([
      { task_stat_id: "s1", task_id: "t1", create_date: "2024-03-05T18:02:13", stats: { site: "UW-Madison" } },
      { task_stat_id: "s2", task_id: "t2", create_date: "2024-03-05T19:00:00", stats: { site: "DESY" } },
    ]);
  });

  it("stopping early closes the stream", async () => {
    // An adapter standing in for the network, so the test can see the body stream closed.
    const body = new PassThrough();
    const adapterClient = createIceprodClient({
      baseURL: BASE,
      axios: {
        adapter: async (config) => {
          body.write('{"task_stat_id": "s1"}\n{"task_stat_id": "s2"}\n');
          return { data: body, status: 200, statusText: "OK", headers: {}, config };
        },
      },
    });
    const stream = iterateDatasetTaskStats(adapterClient, "d1");
    for await (const stat of stream) {
      expect(stat.task_stat_id).toBe("s1");
      break;
    }
    expect(body.destroyed).toBe(true);
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it("streamJson reads any streamed route of any client", async () => {
    server.use(http.get(`${BASE}/custom`, () => ndjson('{"a": 1}\n{"a": 2}\n')));
    const values = await collect(streamJson<{ a: number }>(client, { method: "GET", url: "/custom" }));
    expect(values).toEqual([{ a: 1 }, { a: 2 }]);
  });
});

describe("deleteDatasetLogsByTask", () => {
  it("lists the dataset's task ids, deletes each task's logs in turn and reports progress per task", async () => {
    const requests: string[] = [];
    server.use(
      http.get(`${BASE}/datasets/:id/tasks`, ({ request }) => {
        requests.push(`GET ${new URL(request.url).pathname}${new URL(request.url).search}`);
        return HttpResponse.json({ t1: { task_id: "t1" }, "t 2": { task_id: "t 2" } });
      }),
      http.delete(`${BASE}/datasets/:id/tasks/:task/logs`, ({ request }) => {
        requests.push(`DELETE ${new URL(request.url).pathname}`);
        return HttpResponse.json({});
      }),
    );
    const progress: TaskLogDeletionProgress[] = await collect(deleteDatasetLogsByTask(client, "d/1"));
    expect(requests).toEqual([
      "GET /datasets/d%2F1/tasks?keys=task_id",
      "DELETE /datasets/d%2F1/tasks/t1/logs",
      "DELETE /datasets/d%2F1/tasks/t%202/logs",
    ]);
    expect(progress).toEqual([
      { task_id: "t1", done: 1, total: 2, percent_complete: 50 },
      { task_id: "t 2", done: 2, total: 2, percent_complete: 100 },
    ]);
  });

  it("a dataset without tasks yields nothing", async () => {
    server.use(http.get(`${BASE}/datasets/:id/tasks`, () => HttpResponse.json({})));
    expect(await collect(deleteDatasetLogsByTask(client, "d1"))).toEqual([]);
  });

  it("a refused deletion stops with the ApiError, after the tasks already done", async () => {
    let deletes = 0;
    server.use(
      http.get(`${BASE}/datasets/:id/tasks`, () =>
        HttpResponse.json({ t1: { task_id: "t1" }, t2: { task_id: "t2" }, t3: { task_id: "t3" } }),
      ),
      http.delete(`${BASE}/datasets/:id/tasks/:task/logs`, ({ params }) => {
        deletes += 1;
        if (params.task === "t2") return HttpResponse.json({ code: 403, error: "authorization failed" }, { status: 403 });
        return HttpResponse.json({});
      }),
    );
    const seen: TaskLogDeletionProgress[] = [];
    const error = (await failureOf(
      (async () => {
        for await (const p of deleteDatasetLogsByTask(client, "d1")) seen.push(p);
      })(),
    )) as ApiError;
    expect(seen.map((p) => p.task_id)).toEqual(["t1"]);
    expect(deletes).toBe(2);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(403);
    expect(error.message).toBe("iceprod: DELETE https://iceprod.test/datasets/d1/tasks/t2/logs answered 403: authorization failed");
  });

  it("stopping the iteration stops before the next task", async () => {
    let deletes = 0;
    server.use(
      http.get(`${BASE}/datasets/:id/tasks`, () => HttpResponse.json({ t1: { task_id: "t1" }, t2: { task_id: "t2" } })),
      http.delete(`${BASE}/datasets/:id/tasks/:task/logs`, () => {
        deletes += 1;
        return HttpResponse.json({});
      }),
    );
    for await (const progress of deleteDatasetLogsByTask(client, "d1")) {
      expect(progress.task_id).toBe("t1");
      break;
    }
    expect(deletes).toBe(1);
  });
});
