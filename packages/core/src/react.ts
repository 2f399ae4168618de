// @sciclients/core/react: the React Query glue of generated hooks. Kept out of
// the root entry so plain functions never load React.
export { staleKeyFor, useInvalidatingMutationOptions } from "./invalidation.js";
