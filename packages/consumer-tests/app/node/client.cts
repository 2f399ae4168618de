// The same as client.mts from a CommonJS module: the imports compile to require().
import { staticBearer } from "@sciclients/auth";
import { ApiError, createDataManagerClient, isApiError, type ProjectDetail } from "@sciclients/data-manager-client";
import { getProject, getProjects } from "@sciclients/data-manager-client/functions";

async function main(baseURL: string): Promise<void> {
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
      module: typeof require === "function" ? "cjs" : "not cjs",
      count,
      names: projects.map((p) => p.name),
      firstId: first?.project_id,
      error: isApiError(missing)
        ? { isApiError: missing instanceof ApiError, status: missing.status, service: missing.service, body: missing.body }
        : String(missing),
    }),
  );
}

main(process.argv[2] ?? "").catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
