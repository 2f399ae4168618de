// A page as the README shows it: a client, a React Query hook under one
// QueryClient, static-token sign-in. Plain JavaScript, so webpack needs no loader.
import { staticBearer } from "@sciclients/auth";
import { createDataManagerClient } from "@sciclients/data-manager-client";
import { useGetProjects } from "@sciclients/data-manager-client/project";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement as h } from "react";
import { createRoot } from "react-dom/client";
import { entries } from "./entries.mjs";

const dm = createDataManagerClient({ baseURL: "/dm-api", auth: staticBearer("token") });
const queryClient = new QueryClient();

function Projects() {
  const { data, error, isPending } = useGetProjects(undefined, { request: { client: dm } });
  if (isPending) return h("p", null, "Loading…");
  if (error) return h("p", null, error.message);
  return h(
    "ul",
    null,
    data.projects.map((p) => h("li", { key: p.project_id }, p.name)),
  );
}

const root = document.getElementById("root");
if (root) createRoot(root).render(h(QueryClientProvider, { client: queryClient }, h(Projects)));
// Every browser entry stays in the bundle, whole.
globalThis.sciclientsEntries = entries;
