// Query keys name the deployment they were fetched from: `[service, clientId, …]`,
// so two clients of one service never share a cache entry.
import type { QueryKey } from "@tanstack/react-query";
import type { ServiceClient } from "./client.js";
import { MissingClientError } from "./errors.js";

/**
 * The last argument of every generated `get…QueryKey` function: the client
 * whose cache entry the key names (`{ client }`; request options do too).
 */
export interface QueryKeyScope {
  client?: Pick<ServiceClient, "service" | "id">;
}

/**
 * The second element of a query key of `service`: the id of the client in
 * `scope`. `keyFunction` names the caller in the error thrown without one.
 */
export function deploymentKey(service: string, scope: QueryKeyScope | undefined, keyFunction: string): string {
  const client = scope?.client;
  if (!client) {
    const error = new MissingClientError(service, keyFunction);
    error.message = `${keyFunction} needs the ${service} client whose cache entry it names: ${keyFunction}(…, { client }). Query keys are [service, client id, …path, params].`;
    throw error;
  }
  if (client.service !== service) {
    throw new TypeError(`${keyFunction}: a ${client.service} client cannot name ${service} queries`);
  }
  return client.id;
}

/**
 * The query-key prefix a mutation of `route` sent through `client` makes
 * stale: the service, the deployment and the route's first segment. A change
 * to `/project/{projectId}` refreshes every `["data-manager", client.id, "project", …]`
 * query of that deployment and no other's.
 */
export function staleKeyFor(client: Pick<ServiceClient, "service" | "id">, route: string): QueryKey {
  const segment = route.split("/").find((part) => part !== "");
  return segment ? [client.service, client.id, segment] : [client.service, client.id];
}
