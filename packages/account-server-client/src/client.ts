import { defineClientFactory, type ServiceClient, type ServiceClientOptions } from "@sciclients/core";

export type AccountServerClientOptions = ServiceClientOptions;

/** A configured connection to one Account Server deployment: pass it as `{ client }` to any function, `{ request: { client } }` to any hook. */
export type AccountServerClient = ServiceClient & { readonly service: "account-server" };

/**
 * Creates an Account Server client. Several can live side by side (two
 * deployments, two users); nothing is kept at module level.
 *
 * @example
 * const as = createAccountServerClient({ baseURL: "https://squonk.example.org/account-server-api", auth: staticBearer(token) });
 * const { organisations } = await getOrganisations(undefined, { client: as });
 */
export const createAccountServerClient: (options: AccountServerClientOptions) => AccountServerClient =
  defineClientFactory("account-server");
