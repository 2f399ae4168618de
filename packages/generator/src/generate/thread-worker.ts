// The worker thread of generate/thread.ts: renders the schema modules and writes
// the plain functions it is asked for, one request at a time.
import { parentPort } from "node:worker_threads";
import { writeFunctions } from "../finish/functions.ts";
import { preloadSchemaTools, schemaModule } from "./schema.ts";
import type { ThreadAnswer, ThreadRequest } from "./thread.ts";

const port = parentPort;
if (port) {
  // TypeScript and openapi-typescript load while the main thread reads and prepares the spec.
  preloadSchemaTools();
  port.on("message", async (request: ThreadRequest) => {
    try {
      const value =
        request.kind === "schema"
          ? await schemaModule(request.service, request.document)
          : await writeFunctions(request.endpoints, request.functions, request.tags, request.requester);
      port.postMessage({ id: request.id, value } satisfies ThreadAnswer);
    } catch (error) {
      port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies ThreadAnswer);
    }
  });
}
