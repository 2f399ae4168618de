// MSW answers requests from a service worker at /mockServiceWorker.js. The
// file ships inside the msw package (`msw init` copies it into a public
// folder); this plugin serves it from there in `vite dev` and emits it into
// the build, so it is never a stale copy in the repository and always matches
// the installed msw.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Plugin } from "vite";

const WORKER = "mockServiceWorker.js";

export function mswWorker(): Plugin {
  const source = () => readFileSync(createRequire(import.meta.url).resolve(`msw/${WORKER}`), "utf8");
  return {
    name: "sciclients:msw-worker",
    configureServer(server) {
      server.middlewares.use(`/${WORKER}`, (_request, response) => {
        response.setHeader("Content-Type", "text/javascript");
        response.end(source());
      });
    },
    generateBundle() {
      this.emitFile({ type: "asset", fileName: WORKER, source: source() });
    },
  };
}
