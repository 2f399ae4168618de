// What other packages (the generator's tests, the workflow tests) use of the generator.
export { generateService, prepareService } from "./pipeline.ts";
export type * from "./types.ts";
