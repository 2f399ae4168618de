// A loopback HTTP server answered by MSW request handlers (the clients'
// generated faker mocks, or a test's own), so the bin, a separate process,
// reaches them over real HTTP. One server per test file.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getResponse, type RequestHandler } from "msw";

export interface SeenRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface MockServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Every request received, in order. */
  seen: SeenRequest[];
  /** Handlers tried before the ones the server started with, until `reset`. */
  use(...handlers: RequestHandler[]): void;
  reset(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function answer(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  // Streamed bodies (progress documents) go out chunk by chunk, as the handler writes them.
  const reader = response.body.getReader();
  res.on("close", () => void reader.cancel().catch(() => {}));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

/** Starts the server; `handlers(origin)` makes the handlers once the port is known (bind them to the origin). */
export async function startMockServer(handlers: (origin: string) => RequestHandler[]): Promise<MockServer> {
  const seen: SeenRequest[] = [];
  let extra: RequestHandler[] = [];
  let base: RequestHandler[] = [];
  let origin = "";
  const server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers[key] = value;
      seen.push({ method: req.method ?? "GET", url: req.url ?? "/", headers, body });
      const request = new Request(new URL(req.url ?? "/", origin), {
        method: req.method,
        headers,
        ...(body.length > 0 && req.method !== "GET" && req.method !== "HEAD" ? { body: new Uint8Array(body) } : {}),
      });
      const response = await getResponse([...extra, ...base], request);
      if (!response) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: `no mock for ${req.method} ${req.url}` }));
        return;
      }
      await answer(res, response);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: `mock server: ${error instanceof Error ? error.message : String(error)}` }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = handlers(origin);
  return {
    origin,
    seen,
    use: (...more) => {
      extra = [...more, ...extra];
    },
    reset: () => {
      extra = [];
      seen.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
