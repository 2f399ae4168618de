// MSW handlers for the mocked deployments: the packages' own generated
// handlers, with the operations the page shows answering from fixtures.
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

/** One mocked Data Manager deployment's projects; created ones are kept until the page reloads. */
function projectStore(site: "a" | "b", baseURL: string) {
  const projects: ProjectDetail[] = [...DATA_MANAGER_PROJECTS[site]];
  return {
    baseURL,
    list: () => ({ count: projects.length, projects: [...projects] }),
    create(name: string) {
      const project = dataManagerProject(site, projects.length + 1, name, "you");
      projects.push(project);
      return { project_id: project.project_id };
    },
  };
}

/** dserver's `page` and `page_size` query parameters (defaults as dserver's). */
function pageOf<Item>(url: URL, items: readonly Item[]): Item[] {
  const page = Number(url.searchParams.get("page") ?? 1);
  const size = Number(url.searchParams.get("page_size") ?? 10);
  return items.slice((page - 1) * size, page * size);
}

export function mockHandlers(config: AppConfig): RequestHandler[] {
  const [siteA, siteB] = config.dataManager;
  const stores = [projectStore("a", siteA.baseURL), projectStore("b", siteB.baseURL)];
  // Both deployments answer the same routes: pick the store by the request's base URL.
  const storeOf = (request: Request) => {
    const store = stores.find((s) => request.url.startsWith(`${s.baseURL}/`));
    if (!store) throw new Error(`No mocked Data Manager deployment at ${request.url}`);
    return store;
  };
  return [
    getGetProjectsMockHandler(({ request }) => storeOf(request).list()),
    getCreateProjectMockHandler(async ({ request }) => {
      const name = new URLSearchParams(await request.text()).get("name");
      if (!name) throw new Error("createProject: the form has no name");
      return storeOf(request).create(name);
    }),
    getGetOrganisationsMockHandler({ count: ORGANISATIONS.length, organisations: ORGANISATIONS }),
    getListProjectsMockHandler(DSS_PROJECTS),
    getListDatasetsMockHandler(({ request }) => pageOf(new URL(request.url), DSERVER_DATASETS)),
    // Every other operation: the packages' faker data.
    ...dataManagerMocks(),
    ...accountServerMocks(),
    ...dssMocks(),
    ...dserverMocks(),
  ];
}
