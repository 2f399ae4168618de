// A Data Manager stand-in on a loopback port: the two requests the Node
// scripts send, and a record of what arrived; given a folder, it serves that
// folder's files too (a built web app, from the API's own origin).
import { readFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface DataManagerStandIn {
  baseURL: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export const PROJECTS = [
  { project_id: "project-00000000-0000-0000-0000-000000000001", name: "alpha", creator: "ada", created: "2026-01-01T00:00:00Z" },
  { project_id: "project-00000000-0000-0000-0000-000000000002", name: "beta", creator: "ada", created: "2026-01-02T00:00:00Z" },
];

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };

export async function startDataManager(site?: string): Promise<DataManagerStandIn> {
  const seen: SeenRequest[] = [];
  const server = createServer(async (request, response) => {
    const url = request.url ?? "";
    if (site && !url.startsWith("/dm-api/")) {
      const file = path.join(site, url === "/" ? "index.html" : path.normalize(url.split("?")[0] ?? ""));
      const text = file.startsWith(site) ? await readFile(file).catch(() => undefined) : undefined;
      if (!text) return response.writeHead(404).end();
      return response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(text);
    }
    seen.push({ method: request.method ?? "", url, headers: request.headers });
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (request.headers.authorization !== "Bearer consumer-token") return send(401, { error: "No token" });
    if (request.method === "GET" && url === "/dm-api/project") return send(200, { count: PROJECTS.length, projects: PROJECTS });
    return send(404, { error: `No such thing: ${url}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/dm-api`,
    seen,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
