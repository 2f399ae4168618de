// @vitest-environment jsdom
// streamDatasetRows as a browser runs it: axios's fetch adapter and a web
// ReadableStream body, under jsdom.
import { ApiError, createDssClient, streamDatasetRows } from "@sciclients/dss-client";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const dss = createDssClient({ baseURL: "https://dss.test/public/api" });
const server = setupServer();
const finished: string[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  finished.length = 0;
});
afterAll(() => server.close());

function body(parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
}

const finishHandler = http.get("*/datasets/:datasetName/finish-streaming/", ({ request }) => {
  finished.push(new URL(request.url).searchParams.get("readSessionId") ?? "");
  return new HttpResponse(null, { status: 204 });
});

describe("streamDatasetRows in a browser", () => {
  it("is a browser-like environment", () => {
    expect(typeof window).toBe("object");
  });

  it("reads the rows through fetch, quoted values across chunks included, and verifies the read", async () => {
    let session = "";
    server.use(
      http.get("*/datasets/:datasetName/data/", ({ request }) => {
        session = new URL(request.url).searchParams.get("readSessionId") ?? "";
        return new HttpResponse(body(['a\t"multi', '\nline"\n', 'b\t"tab\t""q"""\n']));
      }),
      finishHandler,
    );
    const rows: Record<string, string>[] = [];
    for await (const row of streamDatasetRows(dss, "SALES", "notes", { columns: ["key", "text"] })) rows.push(row);
    expect(rows).toEqual([
      { key: "a", text: "multi\nline" },
      { key: "b", text: 'tab\t"q"' },
    ]);
    expect(finished).toEqual([session]);
  });

  it("stops reading and closes the session on an early break", async () => {
    server.use(
      http.get("*/datasets/:datasetName/data/", () => new HttpResponse(body(["1\n", "2\n", "3\n"]))),
      finishHandler,
    );
    const seen: string[] = [];
    for await (const row of streamDatasetRows(dss, "SALES", "numbers", { columns: ["n"] })) {
      seen.push(row.n ?? "");
      break;
    }
    expect(seen).toEqual(["1"]);
    expect(finished).toHaveLength(1);
  });

  it("an error reply is read from the stream into the ApiError", async () => {
    server.use(
      http.get("*/datasets/:datasetName/data/", () =>
        HttpResponse.json({ errorType: "com.dataiku.dip.exceptions.UnauthorizedException", message: "No read access" }, { status: 403 }),
      ),
    );
    const error = await streamDatasetRows(dss, "SALES", "secret", { columns: ["x"] })
      .next()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 403,
      code: "com.dataiku.dip.exceptions.UnauthorizedException",
      body: { message: "No read access" },
    });
  });
});
