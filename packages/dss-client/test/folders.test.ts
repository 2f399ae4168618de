// Managed-folder files against MSW: listing, uploads from bytes and streams (the
// multipart part DSS receives), downloads read as a stream in small chunks, and
// a missing file.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { ApiError, createDssClient, listManagedFolderFiles, putManagedFolderFile, streamManagedFolderFile } from "@sciclients/dss-client";
import { HttpResponse, http, passthrough } from "msw";
import { describe, expect, it } from "vitest";
import { dss, setupDssServer } from "./support.js";

const { server, requests } = setupDssServer();

const items = [
  { path: "/summary.csv", size: 120, lastModified: 1714641271118 },
  { path: "/reports/2024/may.html", size: 4096, lastModified: 1714641271118 },
  { path: "/reports-old/april.html", size: 2048, lastModified: 1714641271118 },
];

/** A body sent `size` bytes at a time. */
function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
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

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe("listManagedFolderFiles", () => {
  it("returns every file, or those under a folder path (not a sibling sharing its prefix)", async () => {
    server.use(http.get("*/projects/SALES/managedfolders/Xk3pQ9aZ/contents", () => HttpResponse.json({ items })));
    expect(await listManagedFolderFiles(dss, "SALES", "Xk3pQ9aZ")).toEqual(items);
    expect((await listManagedFolderFiles(dss, "SALES", "Xk3pQ9aZ", { under: "reports" })).map((i) => i.path)).toEqual([
      "/reports/2024/may.html",
    ]);
  });
});

describe("putManagedFolderFile", () => {
  it("uploads bytes, a Blob or a Node stream as the multipart `file` part named after the path's last segment", async () => {
    const received: { path: string; name: string; text: string }[] = [];
    server.use(
      http.post("*/projects/SALES/managedfolders/Xk3pQ9aZ/contents/:path", async ({ request, params }) => {
        const file = (await request.formData()).get("file") as File;
        received.push({ path: String(params.path), name: file.name, text: await file.text() });
        return HttpResponse.json({});
      }),
    );
    await putManagedFolderFile(dss, "SALES", "Xk3pQ9aZ", "reports/2024/may.csv", Buffer.from("a,b\n1,2\n"));
    await putManagedFolderFile(dss, "SALES", "Xk3pQ9aZ", "notes.txt", new Blob(["hello"]));
    await putManagedFolderFile(dss, "SALES", "Xk3pQ9aZ", "/big.bin", Readable.from([Buffer.from("part one, "), Buffer.from("part two")]));

    expect(received).toEqual([
      { path: "reports/2024/may.csv", name: "may.csv", text: "a,b\n1,2\n" },
      { path: "notes.txt", name: "notes.txt", text: "hello" },
      { path: "/big.bin", name: "big.bin", text: "part one, part two" },
    ]);
    // The whole path is one percent-encoded segment, as DSS expects it.
    expect(requests[0]?.path).toBe("/projects/SALES/managedfolders/Xk3pQ9aZ/contents/reports%2F2024%2Fmay.csv");
  });

  it("refuses a path that names no file, before any request", async () => {
    await expect(putManagedFolderFile(dss, "SALES", "Xk3pQ9aZ", "reports/", Buffer.from("x"))).rejects.toThrow(
      /"reports\/" names no file in folder SALES.Xk3pQ9aZ/,
    );
    expect(requests).toEqual([]);
  });
});

describe("streamManagedFolderFile", () => {
  it("hands the file over as a stream of the bytes DSS sent", async () => {
    const bytes = new Uint8Array(10_000).map((_, i) => i % 251);
    server.use(
      http.get("*/projects/SALES/managedfolders/Xk3pQ9aZ/contents/:path", ({ params }) => {
        expect(params.path).toBe("reports/2024/may.html");
        return new HttpResponse(chunked(bytes, 700), { headers: { "content-type": "application/octet-stream" } });
      }),
    );
    const stream = await streamManagedFolderFile(dss, "SALES", "Xk3pQ9aZ", "reports/2024/may.html");
    expect(stream).toBeInstanceOf(ReadableStream);
    expect(await collect(stream)).toEqual(bytes);
    // The same file read with `for await`, as Node's writeFile and pipeline read it.
    const parts: Uint8Array[] = [];
    for await (const part of await streamManagedFolderFile(dss, "SALES", "Xk3pQ9aZ", "reports/2024/may.html")) parts.push(part);
    expect(await collect(new Blob(parts as BlobPart[]).stream())).toEqual(bytes);
  });

  it("is async-iterable also where the runtime's ReadableStream is not (older browsers)", async () => {
    const bytes = new TextEncoder().encode("a,b\n1,2\n");
    server.use(http.get("*/projects/SALES/managedfolders/Xk3pQ9aZ/contents/:path", () => new HttpResponse(chunked(bytes, 3))));
    const native = Object.getOwnPropertyDescriptor(ReadableStream.prototype, Symbol.asyncIterator);
    expect(native).toBeDefined();
    const stream = await (async () => {
      delete (ReadableStream.prototype as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator];
      try {
        return await streamManagedFolderFile(dss, "SALES", "Xk3pQ9aZ", "small.csv");
      } finally {
        Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, native as PropertyDescriptor);
      }
    })();
    expect(Object.hasOwn(stream, Symbol.asyncIterator)).toBe(true);
    const parts: Uint8Array[] = [];
    for await (const part of stream) parts.push(part);
    expect(new TextDecoder().decode(await collect(new Blob(parts as BlobPart[]).stream()))).toBe("a,b\n1,2\n");
  });

  it("a missing file rejects with an ApiError 404 carrying DSS's message", async () => {
    server.use(
      http.get("*/projects/SALES/managedfolders/Xk3pQ9aZ/contents/:path", () =>
        HttpResponse.json(
          {
            errorType: "com.dataiku.dip.exceptions.NotFoundException",
            message: "File not found: /nope.csv",
            detailedMessage: "File not found: /nope.csv",
          },
          { status: 404 },
        ),
      ),
    );
    const error = await streamManagedFolderFile(dss, "SALES", "Xk3pQ9aZ", "nope.csv").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, body: { message: "File not found: /nope.csv" } });
  });

  it("cancelling the stream part-way ends the transfer (a real loopback server sees the connection close)", async () => {
    // MSW keeps reading a mocked body after the client went away, so this one runs over a real socket.
    let closed: () => void = () => {};
    const connectionClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    let sent = 0;
    const origin = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      const timer = setInterval(() => {
        sent += 1;
        res.write(new Uint8Array(1024));
      }, 5);
      res.on("close", () => {
        clearInterval(timer);
        closed();
      });
    });
    await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
    // MSW stays installed for the other tests: let loopback requests through to the real server.
    server.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
    try {
      const { port } = origin.address() as AddressInfo;
      const local = createDssClient({ baseURL: `http://127.0.0.1:${port}/public/api` });
      const stream = await streamManagedFolderFile(local, "SALES", "Xk3pQ9aZ", "endless.bin");
      const reader = stream.getReader();
      expect((await reader.read()).value?.length).toBeGreaterThan(0);
      await reader.cancel();
      await connectionClosed;
      const atClose = sent;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sent).toBe(atClose);
    } finally {
      await new Promise((resolve) => origin.close(resolve));
    }
  });

  it("a signal aborted before the call rejects with its reason and sends nothing", async () => {
    const controller = new AbortController();
    controller.abort(new Error("not wanted"));
    await expect(streamManagedFolderFile(dss, "SALES", "Xk3pQ9aZ", "x", { signal: controller.signal })).rejects.toThrow("not wanted");
    expect(requests).toEqual([]);
  });
});
