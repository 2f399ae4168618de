// A component as the README shows it: a Data Manager hook under one QueryClient,
// with a token from @sciclients/auth. A second client, for the same API under
// another id, carries a token the API refuses: its hook's error is the AuthError.
import { staticBearer } from "@sciclients/auth";
import { createDataManagerClient, type DataManagerClient, type ProjectDetail } from "@sciclients/data-manager-client";
import { useGetProjects } from "@sciclients/data-manager-client/project";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";

const dm = createDataManagerClient({ baseURL: "/dm-api", auth: staticBearer("consumer-token") });
const refused = createDataManagerClient({ baseURL: "/dm-api", id: "refused", auth: staticBearer("revoked-token") });
// No retries of failed queries: the refusal shows at once.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });

function Projects({ client, label }: { client: DataManagerClient; label: string }) {
  const { data, error, isPending } = useGetProjects(undefined, { request: { client } });
  if (isPending) return <p>Loading…</p>;
  if (error) return <p data-error={label}>{error.status === 403 ? "Not allowed" : `${error.name} ${error.code}: ${error.message}`}</p>;
  const projects: ProjectDetail[] = data.projects;
  return (
    <ul data-projects={label}>
      {projects.map((p) => (
        <li key={p.project_id}>{p.name}</li>
      ))}
    </ul>
  );
}

export const App = () => (
  <QueryClientProvider client={queryClient}>
    <Projects client={dm} label="signed-in" />
    <Projects client={refused} label="refused" />
  </QueryClientProvider>
);
