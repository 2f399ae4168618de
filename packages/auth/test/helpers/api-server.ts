import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  headers: IncomingMessage["headers"];
}

export interface ApiServer {
  origin: string;
  seen: SeenRequest[];
  /** Decides the status for a request; default 200. */
  setAuthorizer(fn: (req: SeenRequest) => number | Promise<number>): void;
  close(): Promise<void>;
}

/** A tiny API on 127.0.0.1 that records every request and answers JSON. */
export async function startApiServer(authorize: (req: SeenRequest) => number | Promise<number> = () => 200): Promise<ApiServer> {
  let decide = authorize;
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const entry: SeenRequest = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      authorization: req.headers.authorization,
      headers: req.headers,
    };
    seen.push(entry);
    void Promise.resolve(decide(entry)).then((status) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(status === 200 ? JSON.stringify({ ok: true, url: entry.url }) : status === 401 ? "" : JSON.stringify({ error: "nope" }));
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    setAuthorizer(fn) {
      decide = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
