// The generator's second thread: the work that needs TypeScript. orval keeps the
// main thread busy; openapi-typescript (schema.ts; with TypeScript, about 2 s of CPU
// for all five services) runs here beside it on another core instead of after it,
// and the plain functions step (finish/functions.ts), which parses orval's tag
// files with TypeScript, runs here too: the thread has TypeScript loaded already
// (about 0.3 s to load, more than the step itself), and the main thread goes on
// with the mocks and indexes meanwhile. Requests are answered in the order asked.
import { Worker } from "node:worker_threads";
import { launcher } from "../paths.ts";
import type { PreparedDocument, Service } from "../types.ts";

/** What the thread is asked (thread-worker.ts does it). */
export type ThreadTask =
  | { kind: "schema"; service: Service; document: PreparedDocument }
  | { kind: "functions"; endpoints: string; functions: string; tags: string[]; requester: string };
export type ThreadRequest = ThreadTask & { id: number };
/** Its answer: the schema module's text, or how many functions were written; or what went wrong. */
export type ThreadAnswer = { id: number; value: string | number; error?: undefined } | { id: number; value?: undefined; error: string };

interface Pending {
  resolve: (value: string | number) => void;
  reject: (error: Error) => void;
  failure: string;
}

/** The thread, started on first use; it holds the process open only while it has work. */
let thread: { worker: Worker; pending: Map<number, Pending>; next: number } | undefined;

/**
 * Starts the thread if it is not running, without work: it loads TypeScript and
 * openapi-typescript (about 1 s of CPU) while the main thread reads and prepares
 * the spec and loads orval. It does not hold the process open.
 */
export function startThread(): NonNullable<typeof thread> {
  if (!thread) {
    // The thread runs the launcher, which loads the bundle's generate/thread-worker.
    const worker = new Worker(launcher, { workerData: { entry: "generate/thread-worker" } });
    const pending = new Map<number, Pending>();
    const settle = (id: number, outcome: (request: Pending) => void) => {
      const request = pending.get(id);
      pending.delete(id);
      if (pending.size === 0) worker.unref();
      if (request) outcome(request);
    };
    worker.on("message", ({ id, value, error }: ThreadAnswer) =>
      settle(id, (r) => (error === undefined ? r.resolve(value) : r.reject(new Error(`${r.failure}: ${error}`)))),
    );
    worker.on("error", (error: Error) => {
      for (const id of [...pending.keys()]) settle(id, (r) => r.reject(error));
      thread = undefined;
    });
    worker.unref();
    thread = { worker, pending, next: 0 };
  }
  return thread;
}

/** Asks the thread for `task`; `failure` starts the message of the error it may answer. */
export function askThread(task: ThreadTask, failure: string): Promise<string | number> {
  const current = startThread();
  const id = current.next++;
  return new Promise((resolve, reject) => {
    current.pending.set(id, { resolve, reject, failure });
    current.worker.ref();
    current.worker.postMessage({ ...task, id } satisfies ThreadRequest);
  });
}
