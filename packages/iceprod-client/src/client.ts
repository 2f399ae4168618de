import { defineClientFactory, type RetryOptions, type ServiceClient, type ServiceClientOptions } from "@sciclients/core";
import { attachFloatFields } from "./float-fields.js";
import { iceprodRefusesCredentials } from "./refused.js";

/** The public IceProd deployment. */
export const ICEPROD_BASE_URL = "https://api.iceprod.icecube.aq";

export interface IceprodClientOptions extends Omit<ServiceClientOptions, "baseURL" | "retry"> {
  /** The API's base URL (default {@link ICEPROD_BASE_URL}); a path such as `/api/iceprod` works in browsers behind a proxy. */
  baseURL?: string;
  /**
   * Retries of 408, 429, 500, 502, 503, 504 and network errors, honouring
   * `Retry-After` (the server answers 503 when a route is overloaded). On by
   * default like IceProd's own rest-tools client: up to 10 retries, backoff
   * from 0.3 s, for GET, HEAD, OPTIONS, PUT and DELETE. `false` turns them off.
   */
  retry?: RetryOptions | false;
}

/** A configured connection to one IceProd REST API deployment: pass it as `{ client }` to any function, `{ request: { client } }` to any hook. */
export type IceprodClient = ServiceClient & { readonly service: "iceprod" };

const createClient = defineClientFactory("iceprod");

/**
 * Creates an IceProd REST API client, with retries on unless `retry: false`.
 * Several can live side by side; nothing is kept at module level.
 *
 * The client writes a whole-number `priority` of `createDataset` and
 * `createTask` as a float (`1.0`): IceProd refuses the JSON integer `1` there.
 *
 * It renews credentials on IceProd's 403 "authentication failed" (the answer
 * to an expired token; the server never answers 401) as on a 401, once per
 * request; a 403 "authorization failed" is a real refusal and is not retried.
 */
export function createIceprodClient(options: IceprodClientOptions = {}): IceprodClient {
  const { baseURL = ICEPROD_BASE_URL, retry = {}, credentialsRefused = iceprodRefusesCredentials, ...rest } = options;
  const client = createClient({ ...rest, baseURL, credentialsRefused, ...(retry === false ? {} : { retry }) });
  attachFloatFields(client.axios);
  return client;
}
