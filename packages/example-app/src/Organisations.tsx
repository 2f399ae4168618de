import { useGetOrganisations } from "@sciclients/account-server-client/organisation";
import type { Deployment } from "./config.js";
import { Panel, QueryState } from "./Panel.js";

/** The Account Server organisations the user can see. */
export function Organisations({ deployment }: { deployment: Deployment }) {
  const organisations = useGetOrganisations();
  return (
    <Panel title={deployment.label} baseURL={deployment.baseURL}>
      {organisations.data ? (
        <ul aria-label="Organisations">
          {organisations.data.organisations.map((organisation) => (
            <li key={organisation.id}>{organisation.name}</li>
          ))}
        </ul>
      ) : (
        <QueryState error={organisations.error} />
      )}
    </Panel>
  );
}
