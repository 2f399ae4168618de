import { QueryClientContext, type QueryKey } from "@tanstack/react-query";
import { useContext } from "react";

/**
 * The query-key prefix a mutation of `route` makes stale: the service name and
 * the route's first segment. Generated query keys are `[service, segment, ...]`,
 * so a change to `/project/{projectId}` refreshes every `["data-manager", "project", …]` query.
 */
export function staleKeyFor(service: string, route: string): QueryKey {
  const segment = route.split("/").find((part) => part !== "");
  return segment ? [service, segment] : [service];
}

type MutationOptionsLike = { onSuccess?: (...args: never[]) => unknown };

/**
 * What generated mutation hooks use for their options: after a mutation
 * succeeds it invalidates the queries of the same resource in the
 * QueryClient of the surrounding QueryClientProvider, then runs the caller's
 * own `onSuccess`. Without a provider it changes nothing.
 */
export function useInvalidatingMutationOptions<Options extends MutationOptionsLike>(
  service: string,
  options: Options,
  meta: { url: string },
): Options {
  const queryClient = useContext(QueryClientContext);
  const callerOnSuccess = options.onSuccess as ((...args: unknown[]) => unknown) | undefined;
  return {
    ...options,
    onSuccess: async (...args: unknown[]) => {
      await queryClient?.invalidateQueries({ queryKey: staleKeyFor(service, meta.url) });
      return callerOnSuccess?.(...args);
    },
  };
}
