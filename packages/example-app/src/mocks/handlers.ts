// MSW handlers for the mocked deployments: the packages' own generated
// handlers, each set bound to its deployment's base URL, with the operations
// the page shows answering from fixtures.
import { getAllMockHandlers as accountServerMocks, getGetOrganisationsMockHandler } from "@sciclients/account-server-client/mocks";
import type { ProjectDetail } from "@sciclients/data-manager-client";
import {
  getAllMockHandlers as dataManagerMocks,
  getCreateProjectMockHandler,
  getGetProjectsMockHandler,
} from "@sciclients/data-manager-client/mocks";
import { getAllMockHandlers as dserverMocks, getListDatasetsMockHandler } from "@sciclients/dserver-client/mocks";
import { getAllMockHandlers as dssMocks, getListProjectsMockHandler } from "@sciclients/dss-client/mocks";
import type { RequestHandler } from "msw";
import type { AppConfig } from "../config.js";
import { DATA_MANAGER_PROJECTS, DSERVER_DATASETS, DSS_PROJECTS, dataManagerProject, ORGANISATIONS } from "./fixtures.js";

/** One mocked Data Manager deployment: its projects (created ones are kept until the page reloads). */
function dataManagerDeployment(site: "a" | "b", baseURL: string): RequestHandler[] {
  const projects: ProjectDetail[] = [...DATA_MANAGER_PROJECTS[site]];
  return [
    getGetProjectsMockHandler(() => ({ count: projects.length, projects: [...projects] }), { baseURL }),
    getCreateProjectMockHandler(
      async ({ request }) => {
        const name = new URLSearchParams(await request.text()).get("name");
        if (!name) throw new Error("createProject: the form has no name");
        const project = dataManagerProject(site, projects.length + 1, name, "you");
        projects.push(project);
        return { project_id: project.project_id };
      },
      { baseURL },
    ),
    // Every other operation: the package's faker data.
    ...dataManagerMocks({ baseURL }),
  ];
}

/** dserver's `page` and `page_size` query parameters (defaults as dserver's). */
function pageOf<Item>(url: URL, items: readonly Item[]): Item[] {
  const page = Number(url.searchParams.get("page") ?? 1);
  const size = Number(url.searchParams.get("page_size") ?? 10);
  return items.slice((page - 1) * size, page * size);
}

export function mockHandlers(config: AppConfig): RequestHandler[] {
  const [siteA, siteB] = config.dataManager;
  const as = { baseURL: config.accountServer.baseURL };
  const dss = { baseURL: config.dss.baseURL };
  const dserver = { baseURL: config.dserver.baseURL };
  // The first handler that matches answers, so the fixtures come before each package's full set.
  return [
    ...dataManagerDeployment("a", siteA.baseURL),
    ...dataManagerDeployment("b", siteB.baseURL),
    getGetOrganisationsMockHandler({ count: ORGANISATIONS.length, organisations: ORGANISATIONS }, as),
    ...accountServerMocks(as),
    getListProjectsMockHandler(DSS_PROJECTS, dss),
    ...dssMocks(dss),
    getListDatasetsMockHandler(({ request }) => pageOf(new URL(request.url), DSERVER_DATASETS), dserver),
    ...dserverMocks(dserver),
  ];
}
