// The clients of an app, given once in React context: generated hooks take the
// client of their service from here unless a call names one (`request.client`).
import { createContext, createElement, type ReactNode, useContext, useMemo } from "react";
import type { ServiceClient } from "./client.js";
import { MissingClientError } from "./errors.js";
import type { RequestOptions } from "./request.js";

/** The clients a provider makes available, by service name. */
type Clients = ReadonlyMap<string, ServiceClient>;

const ClientsContext = createContext<Clients | undefined>(undefined);

export interface SciclientsProviderProps {
  /**
   * One client per service (`[dm, as, dss]`). An outer provider's clients stay
   * available for services this list does not name; for the ones it names, these win.
   */
  clients: readonly ServiceClient[];
  children?: ReactNode;
}

// A number per client object, so a new array holding the same clients (an
// inline `clients={[dm, as]}`) keeps the context value and re-renders nothing.
const serials = new WeakMap<ServiceClient, number>();
let nextSerial = 0;
function serialOf(client: ServiceClient): number {
  let serial = serials.get(client);
  if (serial === undefined) {
    serial = nextSerial++;
    serials.set(client, serial);
  }
  return serial;
}

function checkClients(clients: unknown): readonly ServiceClient[] {
  if (!Array.isArray(clients)) {
    throw new TypeError("SciclientsProvider: clients must be an array of clients, e.g. clients={[createDataManagerClient({ baseURL })]}");
  }
  clients.forEach((client, index) => {
    const c = client as Partial<ServiceClient> | null;
    if (c === null || typeof c !== "object" || typeof c.service !== "string" || typeof c.id !== "string" || !c.axios) {
      throw new TypeError(`SciclientsProvider: clients[${index}] is not a client made by a create…Client function`);
    }
  });
  return clients as readonly ServiceClient[];
}

function mergeClients(outer: Clients | undefined, clients: readonly ServiceClient[]): Clients {
  const own = new Map<string, ServiceClient>();
  for (const client of clients) {
    const other = own.get(client.service);
    if (other && other !== client) {
      throw new Error(
        `SciclientsProvider: two ${client.service} clients (${other.id} and ${client.id}) in one provider; it holds one client per service. ` +
          "Nest a second provider around the part of the page that uses the other deployment, or pass { request: { client } } to those hooks.",
      );
    }
    own.set(client.service, client);
  }
  return new Map([...(outer ?? []), ...own]);
}

/**
 * Makes clients available to every generated hook below it:
 * `<SciclientsProvider clients={[dm, as, dss]}>`. Nest providers to use another
 * deployment of a service in part of the page.
 */
export function SciclientsProvider({ clients, children }: SciclientsProviderProps): ReactNode {
  const outer = useContext(ClientsContext);
  const checked = checkClients(clients);
  const identity = checked.map(serialOf).join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `identity` stands for the clients' identities.
  const value = useMemo(() => mergeClients(outer, checked), [outer, identity]);
  return createElement(ClientsContext.Provider, { value }, children);
}

/** The error of a hook that finds no client for its service. */
function missingClient(service: string, hook: string | undefined, clients: Clients | undefined): MissingClientError {
  const caller = hook ?? `A ${service} hook`;
  const known = clients && clients.size > 0 ? ` (the SciclientsProvider above has clients for ${[...clients.keys()].join(", ")})` : "";
  const error = new MissingClientError(service, hook ?? "a hook");
  error.message =
    `${caller} has no ${service} client${known}: put a ${service} client in a <SciclientsProvider clients={[…]}> above the component ` +
    '(from "@sciclients/core/react" or the client package\'s "/react" entry), or pass one as { request: { client } }.';
  return error;
}

/**
 * The client a hook of `service` sends its requests through: `client` when
 * given (an explicit `request.client` wins), else the nearest provider's.
 * Throws a MissingClientError naming the service and the fix when there is none.
 */
export function useServiceClient(service: string, client?: ServiceClient, hook?: string): ServiceClient {
  const clients = useContext(ClientsContext);
  if (client) return client;
  const provided = clients?.get(service);
  if (!provided) throw missingClient(service, hook, clients);
  return provided;
}

/** Options of a generated hook: React Query's `query` or `mutation`, and the request options with their `client`. */
type HookOptions = { request?: RequestOptions };

/**
 * What generated hooks pass on to their query or mutation options: the
 * caller's options with `request.client` resolved by `useServiceClient`.
 */
export function useClientOptions<Options extends HookOptions>(
  service: string,
  options: Options | undefined,
  hook?: string,
): Options & { request: NonNullable<Options["request"]> & { client: ServiceClient } } {
  const client = useServiceClient(service, options?.request?.client, hook);
  return { ...(options as Options), request: { ...(options?.request as NonNullable<Options["request"]>), client } };
}
