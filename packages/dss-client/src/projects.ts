// The project helpers of the official client's DSSClient that are not one call each.
import type { RequestOptions } from "@sciclients/core";
import type { DssClient } from "./client.js";
import { listProjects } from "./generated/functions/projects/projects.js";

/**
 * The keys of the projects the credentials may see, like the official
 * client's `DSSClient.list_project_keys()`: `GET /projects/` keeping each
 * entry's `projectKey`, in DSS's order.
 */
export async function listProjectKeys(client: DssClient, options: Omit<RequestOptions, "client"> = {}): Promise<string[]> {
  const projects = await listProjects(undefined, { ...options, client });
  return projects.map((project) => project.projectKey);
}
