import { defineClientFactory, type ServiceClient, type ServiceClientOptions } from "@sciclients/core";

export type DataManagerClientOptions = ServiceClientOptions;

/** A configured connection to one Data Manager deployment: pass it as `{ client }` to any function, `{ request: { client } }` to any hook. */
export type DataManagerClient = ServiceClient & { readonly service: "data-manager" };

/**
 * Creates a Data Manager client. Several can live side by side (two
 * deployments, two users); nothing is kept at module level.
 *
 * @example
 * const dm = createDataManagerClient({ baseURL: "https://squonk.example.org/data-manager-api", auth: staticBearer(token) });
 * const { projects } = await getProjects(undefined, { client: dm });
 */
export const createDataManagerClient: (options: DataManagerClientOptions) => DataManagerClient = defineClientFactory("data-manager");
