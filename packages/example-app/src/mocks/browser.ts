// Starts MSW's service worker with the mocked deployments' handlers. Only the
// mocked build loads this module (main.tsx imports it on demand).
import { setupWorker } from "msw/browser";
import type { AppConfig } from "../config.js";
import { mockHandlers } from "./handlers.js";

export async function startMockWorker(config: AppConfig): Promise<void> {
  const bases = [...config.dataManager, config.accountServer, config.dss, config.dserver].map((d) => d.baseURL);
  const worker = setupWorker(...mockHandlers(config));
  await worker.start({
    quiet: true,
    // A request to a mocked deployment that no handler answered is a bug in the
    // app or the mocks: say so loudly. Everything else (the app's own files) goes to the network.
    onUnhandledRequest(request, print) {
      if (bases.some((base) => request.url.startsWith(base))) print.error();
    },
  });
}
