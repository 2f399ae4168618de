// @sciclients/core/react: the React side of generated hooks (clients from
// context, deployment-scoped query keys, invalidation). Kept out of the root
// entry so plain functions never load React.
export type { SciclientsProviderProps } from "./context.js";
export { SciclientsProvider, useClientOptions, useServiceClient } from "./context.js";
export { useInvalidatingMutationOptions } from "./invalidation.js";
export type { QueryKeyScope } from "./query-keys.js";
export { deploymentKey, staleKeyFor } from "./query-keys.js";
