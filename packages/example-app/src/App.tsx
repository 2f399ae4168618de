import type { Clients } from "./clients.js";
import type { AppConfig } from "./config.js";
import { DataManagerProjects } from "./DataManagerProjects.js";
import { DserverDatasets } from "./DserverDatasets.js";
import { DssProjects } from "./DssProjects.js";
import { Organisations } from "./Organisations.js";

export function App({ config, clients }: { config: AppConfig; clients: Clients }) {
  return (
    <main>
      <header>
        <h1>sciclients example</h1>
        <span className="badge">{config.live ? "live servers" : "mocked by MSW"}</span>
      </header>
      <div className="grid">
        {clients.dataManager.map(({ deployment, client }) => (
          <DataManagerProjects key={deployment.baseURL} deployment={deployment} client={client} live={config.live} />
        ))}
        <Organisations deployment={config.accountServer} client={clients.accountServer} />
        <DssProjects deployment={config.dss} client={clients.dss} />
        <DserverDatasets deployment={config.dserver} client={clients.dserver} />
      </div>
    </main>
  );
}
