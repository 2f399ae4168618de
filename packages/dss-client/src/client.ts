import { defineClientFactory, type ServiceClient, type ServiceClientOptions } from "@sciclients/core";

export type DssClientOptions = ServiceClientOptions;

/** A configured connection to one Dataiku DSS public API deployment: pass it as `{ client }` to any function, `{ request: { client } }` to any hook. */
export type DssClient = ServiceClient & { readonly service: "dss" };

/** Creates a Dataiku DSS public API client. Several can live side by side; nothing is kept at module level. */
export const createDssClient: (options: DssClientOptions) => DssClient = defineClientFactory("dss");
