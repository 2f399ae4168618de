// The worker thread of generate/schema.ts: renders the schema modules it is asked for.
import { parentPort } from "node:worker_threads";
import { type SchemaAnswer, type SchemaRequest, schemaModule } from "./schema.ts";

const port = parentPort;
if (port) {
  port.on("message", async ({ id, service, document }: SchemaRequest) => {
    try {
      port.postMessage({ id, text: await schemaModule(service, document) } satisfies SchemaAnswer);
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies SchemaAnswer);
    }
  });
}
