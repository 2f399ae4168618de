import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { createClients } from "./clients.js";
import { readConfig } from "./config.js";
import "./styles.css";

async function main() {
  const config = readConfig();
  // The mocks (MSW, faker, fixtures) load only when used. The test is on import.meta.env itself,
  // which Vite replaces at build time, so a live build leaves the mocks out altogether.
  if (import.meta.env.VITE_SCICLIENTS_LIVE !== "1") {
    const { startMockWorker } = await import("./mocks/browser.js");
    await startMockWorker(config);
  }
  const clients = createClients(config);
  // One QueryClient for every service and deployment.
  const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });
  const root = document.getElementById("root");
  if (!root) throw new Error('index.html has no element with id "root"');
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App config={config} clients={clients} />
      </QueryClientProvider>
    </StrictMode>,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  document.body.textContent = `The app could not start: ${error instanceof Error ? error.message : String(error)}`;
});
