// A Data Manager stand-in on a loopback port: the two requests the Node
// scripts send, and a record of what arrived.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

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

export async function startDataManager(): Promise<DataManagerStandIn> {
  const seen: SeenRequest[] = [];
  const server = createServer((request, response) => {
    const url = request.url ?? "";
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
