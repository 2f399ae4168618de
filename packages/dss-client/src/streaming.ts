// Responses read as they arrive (dataset rows, SQL rows, folder files, project
// archives): the request with a streamed body on every runtime, and the body's
// chunks whatever form the HTTP adapter gives them.
import { inNode, type RequestOptions, toApiError } from "@sciclients/core";
import { type AxiosRequestConfig, type AxiosResponse, isAxiosError } from "axios";
import type { DssClient } from "./client.js";

/** The chunks of a response body, whatever the adapter gave: a Node stream, a web ReadableStream, bytes or text. */
export async function* bodyChunks(data: unknown): AsyncGenerator<string | Uint8Array, void, undefined> {
  if (typeof data === "string") {
    yield data;
  } else if (data instanceof ArrayBuffer) {
    yield new Uint8Array(data);
  } else if (ArrayBuffer.isView(data)) {
    yield new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } else if (typeof ReadableStream !== "undefined" && data instanceof ReadableStream) {
    const reader = (data as ReadableStream<Uint8Array>).getReader();
    let done = false;
    try {
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        yield next.value;
      }
      done = true;
    } finally {
      // Not awaited: axios's fetch adapter may settle a cancel only once the whole body has arrived.
      // The callers abort the request as well, which ends the transfer.
      if (!done) reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  } else if (data !== null && typeof data === "object" && Symbol.asyncIterator in data) {
    yield* data as AsyncIterable<string | Uint8Array>;
  } else if (data !== undefined && data !== null && data !== "") {
    throw new TypeError("The HTTP adapter returned a body that is neither text, bytes nor a stream");
  }
}

/** A whole body as bytes. */
export async function readAll(data: unknown): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for await (const chunk of bodyChunks(data)) parts.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** The request of a streamed read. */
export interface StreamRequest {
  method: "GET" | "POST";
  /** Path below the client's base URL, parameters already encoded. */
  url: string;
  params?: Record<string, string | undefined>;
  data?: unknown;
  /** Other request options (headers, timeout, progress callbacks). */
  request?: Omit<RequestOptions, "client" | "signal">;
  signal?: AbortSignal;
}

/**
 * Sends a request whose response body is read as a stream: the client's own
 * adapter in Node, fetch in browsers (XMLHttpRequest cannot stream). Errors
 * become `ApiError`s carrying DSS's `{errorType, message}` body, which arrives
 * as a stream too and is read first. `caller` names the helper in a wrong-client error.
 */
export async function openStream(client: DssClient, caller: string, req: StreamRequest): Promise<AxiosResponse<unknown>> {
  if (client?.service !== "dss") throw new TypeError(`${caller} needs a DSS client (createDssClient), not ${client?.service ?? "none"}`);
  const config: AxiosRequestConfig = {
    ...req.request,
    url: req.url,
    method: req.method,
    params: req.params,
    ...(req.data !== undefined ? { data: req.data } : {}),
    responseType: "stream",
    ...(inNode() ? {} : { adapter: "fetch" }),
    ...(req.signal ? { signal: req.signal } : {}),
  };
  try {
    return await client.axios.request(config);
  } catch (error) {
    if (!isAxiosError(error)) throw error;
    if (error.response) error.response.data = await readAll(error.response.data).catch(() => undefined);
    throw await toApiError("dss", error);
  }
}

/**
 * Bytes arriving from DSS: a web ReadableStream that is also async-iterable on
 * every runtime (`for await`, Node's `pipeline` and `fs.writeFile` take it), even
 * where the browser's ReadableStream is not.
 */
export type DssByteStream = ReadableStream<Uint8Array> & AsyncIterable<Uint8Array>;

/** Iterates a stream with a reader; leaving the loop early cancels the stream. */
async function* readerChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      yield next.value;
    }
    done = true;
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * A stream of a streamed response's bytes. Cancelling it (or leaving a
 * `for await` over it early) ends the transfer through `stop`.
 */
export function byteStream(data: unknown, stop: () => void): DssByteStream {
  const encoder = new TextEncoder();
  const chunks = bodyChunks(data);
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
      } catch (error) {
        stop();
        controller.error(error);
      }
    },
    async cancel() {
      stop();
      await chunks.return(undefined);
    },
  });
  if (!(Symbol.asyncIterator in stream)) {
    Object.defineProperty(stream, Symbol.asyncIterator, { value: () => readerChunks(stream), configurable: true });
  }
  return stream as DssByteStream;
}
