import { request as httpRequest } from "node:http";
import { Agent, request } from "node:https";

/** An https.Agent that does not verify server certificates (for `*_VERIFY_SSL=false`). */
export function insecureHttpsAgent(): Agent {
  return new Agent({ rejectUnauthorized: false, keepAlive: true });
}

/**
 * A minimal `fetch` over node:https with the given agent, so that OAuth and
 * token-generator requests can skip TLS verification like the API requests.
 * It supports what token requests need: method, headers, string /
 * URLSearchParams / byte bodies, and an abort signal.
 */
export function fetchWithAgent(agent: Agent): typeof globalThis.fetch {
  return (async (resource: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(resource instanceof Request ? resource.url : String(resource));
    const headers = new Headers(init.headers ?? (resource instanceof Request ? resource.headers : undefined));
    let body: string | Uint8Array | undefined;
    if (typeof init.body === "string") body = init.body;
    else if (init.body instanceof URLSearchParams) {
      body = init.body.toString();
      if (!headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
    } else if (init.body instanceof Uint8Array) body = init.body;
    else if (init.body instanceof ArrayBuffer) body = new Uint8Array(init.body);
    const send = url.protocol === "https:" ? request : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      const req = send(
        url,
        {
          method: init.method ?? "GET",
          headers: Object.fromEntries(headers.entries()),
          ...(url.protocol === "https:" ? { agent } : {}),
          signal: init.signal ?? undefined,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              if (Array.isArray(value)) for (const v of value) responseHeaders.append(name, v);
              else if (value !== undefined) responseHeaders.set(name, value);
            }
            const status = res.statusCode ?? 500;
            const noBody = status === 204 || status === 304;
            resolve(
              new Response(noBody ? null : Buffer.concat(chunks), {
                status,
                statusText: res.statusMessage ?? "",
                headers: responseHeaders,
              }),
            );
          });
          res.on("error", reject);
        },
      );
      req.on("error", (error) => reject(new TypeError("fetch failed", { cause: error })));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }) as typeof globalThis.fetch;
}
