import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig, loadEnv } from "vite";
import { mswWorker } from "./msw-worker.ts";

export default defineConfig(({ mode }) => {
  const live = loadEnv(mode, import.meta.dirname, "VITE_").VITE_SCICLIENTS_LIVE === "1";
  return {
    // The workspace's client packages are used from their sources: nothing needs building first.
    resolve: { conditions: ["@sciclients/source", ...defaultClientConditions] },
    plugins: [react(), ...(live ? [] : [mswWorker()])],
    // The mocks chunk (every operation's faker data, loaded only in the mocked build) is about 1 MB.
    build: { chunkSizeWarningLimit: 1500 },
  };
});
