// The page. One provider holds a client per service, so the hooks below name
// none; the second Data Manager deployment gets a nested provider of its own.
import { SciclientsProvider } from "@sciclients/data-manager-client/react";
import type { Clients } from "./clients.js";
import type { AppConfig } from "./config.js";
import { DataManagerProjects } from "./DataManagerProjects.js";
import { DserverDatasets } from "./DserverDatasets.js";
import { DssProjects } from "./DssProjects.js";
import { Organisations } from "./Organisations.js";

export function App({ config, clients }: { config: AppConfig; clients: Clients }) {
  const [siteA, siteB] = clients.dataManager;
  return (
    <SciclientsProvider clients={[siteA.client, clients.accountServer, clients.dss, clients.dserver]}>
      <main>
        <header>
          <h1>sciclients example</h1>
          <span className="badge">{config.live ? "live servers" : "mocked by MSW"}</span>
        </header>
        <div className="grid">
          <DataManagerProjects deployment={siteA.deployment} live={config.live} />
          <SciclientsProvider clients={[siteB.client]}>
            <DataManagerProjects deployment={siteB.deployment} live={config.live} />
          </SciclientsProvider>
          <Organisations deployment={config.accountServer} />
          <DssProjects deployment={config.dss} />
          <DserverDatasets deployment={config.dserver} />
        </div>
      </main>
    </SciclientsProvider>
  );
}
