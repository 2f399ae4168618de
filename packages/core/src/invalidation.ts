import { type QueryClient, type QueryKey, useQueryClient } from "@tanstack/react-query";

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
 * Makes the hook generated mutation hooks call for their options: after a
 * mutation succeeds it invalidates the queries of the same resource, then
 * runs the caller's own `onSuccess`.
 */
export function createMutationInvalidation(service: string) {
  return function useInvalidatingMutationOptions<Options extends MutationOptionsLike>(options: Options, meta: { url: string }): Options {
    let queryClient: QueryClient | undefined;
    try {
      queryClient = useQueryClient();
    } catch {
      // No QueryClientProvider: the caller passed a QueryClient to the hook itself; nothing to invalidate through context.
      queryClient = undefined;
    }
    const callerOnSuccess = options.onSuccess as ((...args: unknown[]) => unknown) | undefined;
    return {
      ...options,
      onSuccess: async (...args: unknown[]) => {
        await queryClient?.invalidateQueries({ queryKey: staleKeyFor(service, meta.url) });
        return callerOnSuccess?.(...args);
      },
    };
  };
}
