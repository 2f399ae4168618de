import { QueryClientContext } from "@tanstack/react-query";
import { useContext } from "react";
import type { ServiceClient } from "./client.js";
import { useServiceClient } from "./context.js";
import { staleKeyFor } from "./query-keys.js";

type MutationOptionsLike = { onSuccess?: (...args: never[]) => unknown };

/**
 * What generated mutation hooks use for their options: after a mutation
 * succeeds it invalidates the queries of the same resource and deployment
 * (`staleKeyFor(client, url)`) in the QueryClient of the surrounding
 * QueryClientProvider, then runs the caller's own `onSuccess`. Without a
 * QueryClientProvider it changes nothing. `meta.client` is the client the
 * mutation is sent through; without it, the provider's client of `service`.
 */
export function useInvalidatingMutationOptions<Options extends MutationOptionsLike>(
  service: string,
  options: Options,
  meta: { url: string; client?: ServiceClient },
): Options {
  const queryClient = useContext(QueryClientContext);
  const client = useServiceClient(service, meta.client);
  const callerOnSuccess = options.onSuccess as ((...args: unknown[]) => unknown) | undefined;
  return {
    ...options,
    onSuccess: async (...args: unknown[]) => {
      await queryClient?.invalidateQueries({ queryKey: staleKeyFor(client, meta.url) });
      return callerOnSuccess?.(...args);
    },
  };
}
