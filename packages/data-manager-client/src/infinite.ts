// The paging of the Data Manager's infinite queries (`useGetTaskInfinite`, which
// `pnpm generate` writes for the operations specs/services.yaml lists).
import type { Paging, RequestOptions } from "@sciclients/core";
import type { GetTaskParams, TaskGetResponse } from "./generated/model/index.js";

/** The generated `getTask` function (from a tag entry or ./functions). */
type GetTask = (taskId: string, params?: GetTaskParams, options?: RequestOptions) => Promise<TaskGetResponse>;

/**
 * A task's events, newest first, `params.event_limit` per page: each next page
 * asks for the events before the oldest one received (`event_prior_ordinal`,
 * as the API describes it). It stops after a page with fewer events than the
 * limit, or at ordinal 0; without `event_limit` the first page has them all.
 */
export function taskEvents<F extends GetTask>(
  getTask: F,
): Paging<[taskId: string, params?: GetTaskParams], TaskGetResponse, number | null> {
  return {
    initialPageParam: ([, params]) => params?.event_prior_ordinal ?? null,
    fetchPage: ([taskId, params], prior, request) =>
      getTask(taskId, prior === null ? params : { ...params, event_prior_ordinal: prior }, request),
    nextPageParam: (last, [, params]) => {
      const limit = params?.event_limit;
      const events = last.events ?? [];
      if (limit === undefined || events.length < limit) return undefined;
      const oldest = Math.min(...events.map((event) => event.ordinal));
      return oldest > 0 ? oldest : undefined;
    },
  };
}
