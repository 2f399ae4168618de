// An ES module script as a user writes it: a Data Manager client with a bearer
// token, one listing, one 404. Prints what it got as one JSON line.
import { staticBearer } from "@sciclients/auth";
import { ApiError, createDataManagerClient, isApiError, type ProjectDetail } from "@sciclients/data-manager-client";
import { getProject, getProjects } from "@sciclients/data-manager-client/functions";

const [baseURL = ""] = process.argv.slice(2);
const dm = createDataManagerClient({ baseURL, auth: staticBearer("consumer-token") });

const { count, projects } = await getProjects(undefined, { client: dm });
const first: ProjectDetail | undefined = projects[0];
let missing: unknown;
try {
  await getProject("project-missing", { client: dm });
} catch (error) {
  missing = error;
}
console.log(
  JSON.stringify({
    module: "esm",
    count,
    names: projects.map((p) => p.name),
    firstId: first?.project_id,
    error: isApiError(missing)
      ? { isApiError: missing instanceof ApiError, status: missing.status, service: missing.service, body: missing.body }
      : String(missing),
  }),
);
