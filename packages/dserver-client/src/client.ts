import { defineClientFactory, type ServiceClient, type ServiceClientOptions } from "@sciclients/core";

export type DserverClientOptions = ServiceClientOptions;

/** A configured connection to one dserver (dtool lookup server) API deployment: pass it as `{ client }` to any function, `{ request: { client } }` to any hook. */
export type DserverClient = ServiceClient & { readonly service: "dserver" };

/** Creates a dserver (dtool lookup server) API client. Several can live side by side; nothing is kept at module level. */
export const createDserverClient: (options: DserverClientOptions) => DserverClient = defineClientFactory("dserver");
