// The negative contract: per client, calls that our types would refuse (a
// missing required field, a wrong type, a value outside an enum), forced
// through with a cast. Prism must reject each, and the client must surface an
// ApiError with Prism's status and body.

import { getActions } from "@sciclients/account-server-client/actions";
import { createOrganisation } from "@sciclients/account-server-client/organisation";
import type { ServiceClient } from "@sciclients/core";
import { createProject as createDmProject } from "@sciclients/data-manager-client/project";
import { createWorkflow } from "@sciclients/data-manager-client/workflow";
import { listDatasets as listDserverDatasets } from "@sciclients/dserver-client/datasets";
import { createProject as createDssProject } from "@sciclients/dss-client/projects";
import { createDataset as createIceprodDataset } from "@sciclients/iceprod-client/datasets";
import { listTaskStats } from "@sciclients/iceprod-client/task-stats";

export interface NegativeCase {
  service: string;
  operationId: string;
  /** What is wrong with the input. */
  broken: string;
  /** Sends the invalid request through the generated function. */
  call: (client: ServiceClient) => Promise<unknown>;
  /**
   * The status Prism answers with: the spec's own 422 or 400 response when the
   * operation has one (the violations then travel in the `sl-violations`
   * header), otherwise Prism's 422 problem+json with the violations in the body.
   */
  status: 400 | 422;
  /** Where the violations come from: the error body (Prism's own 422) or the `sl-violations` header (the spec's error response). */
  violationsIn: "body" | "header";
  /** Each of these must appear in some violation: its location without `request.` (`body.name`), a space, its message. */
  mentions: string[];
}

// The casts are the point: each value breaks the spec in a way the generated types forbid.
type Arg<F extends (...args: never[]) => unknown, N extends number> = Parameters<F>[N];
// biome-ignore lint/suspicious/noExplicitAny: any client of the right service; the generated functions narrow it.
const as = <T>(client: ServiceClient) => client as any as T;

export const negativeCases: NegativeCase[] = [
  {
    service: "data-manager",
    operationId: "createProject",
    broken: "form body without the required `name`, `private` not a boolean",
    call: (client) =>
      createDmProject({ private: "yes", tier_product_id: "product-1" } as unknown as Arg<typeof createDmProject, 0>, {
        client: as(client),
      }),
    status: 400,
    violationsIn: "header",
    mentions: ["required property 'name'", "body.private", "body.tier_product_id"],
  },
  {
    service: "data-manager",
    operationId: "createWorkflow",
    broken: "multipart body without the required `name`, `scope` outside its enum",
    call: (client) => createWorkflow({ scope: "EVERYWHERE" } as unknown as Arg<typeof createWorkflow, 0>, { client: as(client) }),
    status: 422,
    violationsIn: "body",
    mentions: ["required property 'name'", "body.scope"],
  },
  {
    service: "account-server",
    operationId: "createOrganisation",
    broken: "JSON body without the required `owner`, `name` a number",
    call: (client) => createOrganisation({ name: 42 } as unknown as Arg<typeof createOrganisation, 0>, { client: as(client) }),
    status: 400,
    violationsIn: "header",
    mentions: ["required property 'owner'", "body.name"],
  },
  {
    service: "account-server",
    operationId: "getActions",
    broken: "query `format` outside its enum, `m_id` not a number",
    call: (client) =>
      getActions({ format: "XML", m_id: "first" } as unknown as Arg<typeof getActions, 0>, {
        client: as(client),
      }),
    status: 422,
    violationsIn: "body",
    mentions: ["query.format", "query.m_id"],
  },
  {
    service: "dserver",
    operationId: "listDatasets",
    broken: "query `page` not an integer, `page_size` below its minimum",
    call: (client) =>
      listDserverDatasets({ page: "first", page_size: 0 } as unknown as Arg<typeof listDserverDatasets, 0>, { client: as(client) }),
    status: 422,
    violationsIn: "header",
    mentions: ["query.page", "query.page_size"],
  },
  {
    service: "iceprod",
    operationId: "createDataset",
    broken: "JSON body without the required `description`, `jobs_submitted` a string",
    call: (client) =>
      createIceprodDataset(
        { jobs_submitted: "many", tasks_submitted: 0, tasks_per_job: 1, group: "users" } as unknown as Arg<typeof createIceprodDataset, 0>,
        { client: as(client) },
      ),
    status: 400,
    violationsIn: "header",
    mentions: ["required property 'description'", "body.jobs_submitted"],
  },
  {
    service: "iceprod",
    operationId: "listTaskStats",
    broken: "query `last` not a boolean",
    call: (client) =>
      listTaskStats(
        "6b3f0c2e9a4d11ef8c1f0242ac120002",
        "7c41e5b69a4d11ef8c1f0242ac120002",
        { last: "sometimes" } as unknown as Arg<typeof listTaskStats, 2>,
        { client: as(client) },
      ),
    status: 422,
    violationsIn: "body",
    mentions: ["query.last"],
  },
  {
    service: "dss",
    operationId: "createProject",
    broken: "JSON body without the required `owner`, `projectKey` breaking its pattern",
    call: (client) =>
      createDssProject({ projectKey: "churn model", name: "Churn" } as unknown as Arg<typeof createDssProject, 0>, undefined, {
        client: as(client),
      }),
    status: 400,
    violationsIn: "header",
    mentions: ["required property 'owner'", "body.projectKey"],
  },
];
