import { defineClientFactory, type ServiceClient, type ServiceClientOptions } from "@sciclients/core";

export type IceprodClientOptions = ServiceClientOptions;

/** A configured connection to one IceProd REST API deployment: pass it as `{ client }` to any function, `{ request: { client } }` to any hook. */
export type IceprodClient = ServiceClient & { readonly service: "iceprod" };

/** Creates a IceProd REST API client. Several can live side by side; nothing is kept at module level. */
export const createIceprodClient: (options: IceprodClientOptions) => IceprodClient = defineClientFactory("iceprod");
