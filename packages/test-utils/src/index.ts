export type { AnyFunction, ExerciseOptions, Recorded } from "./exercise.js";
export { exerciseOperation, sampleFor } from "./exercise.js";
export type { OpenApiDocument, Schema, SpecOperation, SpecParameter } from "./spec.js";
export { deref, listOperations, loadSpec } from "./spec.js";
