// Type helpers for comparing our generated functions with another client's.

/** True when A and B are assignable to each other. */
export type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type DropSignal<A extends unknown[]> = A extends [...infer Head, infer Last] ? ([Last] extends [AbortSignal] ? Head : A) : A;
type DropLast<A extends unknown[]> = A extends [...infer Head, unknown] ? Head : A;

/**
 * The arguments that come from the spec (path parameters, body, query
 * parameters): a generated function's parameters without its trailing
 * request options and abort signal.
 */
export type SpecArgs<F> = F extends (...args: infer A) => unknown ? DropLast<DropSignal<Required<A>>> : never;

/** What a generated function resolves to. */
export type Result<F> = F extends (...args: never[]) => Promise<infer R> ? R : never;

/** The names in `Ops` whose spec arguments differ between the two function sets. */
export type ArgumentMismatches<Ours, Theirs, Ops extends keyof Ours & keyof Theirs> = {
  [K in Ops]: MutuallyAssignable<SpecArgs<Ours[K]>, SpecArgs<Theirs[K]>> extends true ? never : K;
}[Ops];

/** The names in `Ops` whose results differ between the two function sets. */
export type ResultMismatches<Ours, Theirs, Ops extends keyof Ours & keyof Theirs> = {
  [K in Ops]: MutuallyAssignable<Result<Ours[K]>, Result<Theirs[K]>> extends true ? never : K;
}[Ops];

/** The names in `Ops` that have no function in `Functions`. */
export type MissingFunctions<Functions, Ops extends PropertyKey> = Exclude<Ops, keyof Functions>;

/** `true` when T is never; otherwise an object naming T, so a type error lists the offending operations. */
export type NoneOf<T> = [T] extends [never] ? true : { offending: T };
