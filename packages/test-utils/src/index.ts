export type { EveryOperationOptions, GlobbedModules } from "./every-operation.js";
export { describeEveryOperation } from "./every-operation.js";
export type { AnyFunction, ExerciseOptions, Recorded } from "./exercise.js";
export { exerciseOperation, sampleFor } from "./exercise.js";
export type { ClientOperation } from "./official.js";
export { compareOperationSets, normalisePath, operationsOfOrvalClient } from "./official.js";
export type { ArgumentMismatches, MissingFunctions, MutuallyAssignable, NoneOf, Result, ResultMismatches, SpecArgs } from "./parity.js";
export type { OpenApiDocument, Schema, SpecOperation, SpecParameter } from "./spec.js";
export { deref, listOperations, loadSpec } from "./spec.js";
