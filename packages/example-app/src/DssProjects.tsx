import { useListProjects } from "@sciclients/dss-client/projects";
import type { Deployment } from "./config.js";
import { Panel, QueryState } from "./Panel.js";

/** The Dataiku DSS projects the API key can see. */
export function DssProjects({ deployment }: { deployment: Deployment }) {
  const projects = useListProjects();
  return (
    <Panel title={deployment.label} baseURL={deployment.baseURL}>
      {projects.data ? (
        <ul aria-label="Projects">
          {projects.data.map((project) => (
            <li key={project.projectKey}>
              {project.name ?? project.projectKey} <span className="muted">{project.projectKey}</span>
            </li>
          ))}
        </ul>
      ) : (
        <QueryState error={projects.error} />
      )}
    </Panel>
  );
}
