// A component as the README shows it: a Data Manager hook under one QueryClient.
import { createDataManagerClient, type ProjectDetail } from "@sciclients/data-manager-client";
import { useGetProjects } from "@sciclients/data-manager-client/project";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";

const dm = createDataManagerClient({ baseURL: "/dm-api" });
const queryClient = new QueryClient();

function Projects() {
  const { data, error, isPending } = useGetProjects(undefined, { request: { client: dm } });
  if (isPending) return <p>Loading…</p>;
  if (error) return <p>{error.status === 403 ? "Not allowed" : error.message}</p>;
  const projects: ProjectDetail[] = data.projects;
  return (
    <ul>
      {projects.map((p) => (
        <li key={p.project_id}>{p.name}</li>
      ))}
    </ul>
  );
}

export const App = () => (
  <QueryClientProvider client={queryClient}>
    <Projects />
  </QueryClientProvider>
);
