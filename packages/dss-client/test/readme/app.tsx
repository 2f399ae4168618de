import { createDssClient, runScenarioAndWait } from "@sciclients/dss-client";
import { useListProjects } from "@sciclients/dss-client/projects";
import { QueryClient, QueryClientProvider, useMutation } from "@tanstack/react-query";

// In a browser, keep the API key on the server: a same-origin route that adds it
// and forwards to DSS's /public/api.
const dss = createDssClient({ baseURL: "/api/dss" });
const queryClient = new QueryClient();

function Projects() {
  const { data, error, isPending } = useListProjects(undefined, { request: { client: dss } });
  const nightly = useMutation({ mutationFn: (projectKey: string) => runScenarioAndWait(dss, projectKey, "NIGHTLY") });
  if (isPending) return <p>Loading…</p>;
  if (error) return <p>{error.status === 403 ? "Not allowed" : error.message}</p>;
  return (
    <ul>
      {data.map((p) => (
        <li key={p.projectKey}>
          {p.name ?? p.projectKey}{" "}
          <button type="button" disabled={nightly.isPending} onClick={() => nightly.mutate(p.projectKey)}>
            Run nightly scenario
          </button>
        </li>
      ))}
      {nightly.data && <li>Last run: {nightly.data.scenarioRun.result?.outcome}</li>}
      {nightly.error && <li>{nightly.error.message}</li>}
    </ul>
  );
}

export const App = () => (
  <QueryClientProvider client={queryClient}>
    <Projects />
  </QueryClientProvider>
);
