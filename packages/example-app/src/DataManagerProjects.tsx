// The projects of one Data Manager deployment, and a form that creates one.
// The page shows two of these, each under a provider holding its own client,
// so the hooks here name no client.
import { useCreateProject, useGetProjects } from "@sciclients/data-manager-client/project";
import { type FormEvent, useState } from "react";
import type { Deployment } from "./config.js";
import { Panel, QueryState } from "./Panel.js";

/** Mocked deployments accept any product; a real one needs the ID of a product the user may use. */
const MOCK_PRODUCT = "product-00000000-0000-0000-0000-000000000001";

export function DataManagerProjects({ deployment, live }: { deployment: Deployment; live: boolean }) {
  const projects = useGetProjects();
  // On success the hook invalidates this deployment's project queries, so the list above fetches again.
  const create = useCreateProject();
  const [name, setName] = useState("");
  const [product, setProduct] = useState(live ? "" : MOCK_PRODUCT);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ data: { name, tier_product_id: product } }, { onSuccess: () => setName("") });
  };

  return (
    <Panel title={deployment.label} baseURL={deployment.baseURL}>
      {projects.data ? (
        <ul aria-label="Projects">
          {projects.data.projects.map((project) => (
            <li key={project.project_id}>
              {project.name} <span className="muted">by {project.creator}</span>
            </li>
          ))}
        </ul>
      ) : (
        <QueryState error={projects.error} />
      )}
      <form onSubmit={submit}>
        <input
          aria-label="Project name"
          placeholder="New project name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          minLength={2}
        />
        {live && (
          <input aria-label="Product ID" placeholder="product-…" value={product} onChange={(e) => setProduct(e.target.value)} required />
        )}
        <button type="submit" disabled={create.isPending}>
          Create project
        </button>
      </form>
      {create.error && <p role="alert">{create.error.message}</p>}
    </Panel>
  );
}
