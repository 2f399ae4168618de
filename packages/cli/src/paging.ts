// --all-pages: the pagings the command line follows, by their manifest name
// (specs/services.yaml infiniteQueries). Each reuses its client's own paging.
import { type TaskGetResponse, taskEvents as taskEventsPaging } from "@sciclients/data-manager-client";
import { readPageInfo } from "@sciclients/dserver-client";

/** Sends one page (query parameters given) and reports the response headers. */
export type PageFetcher = (params: Record<string, unknown>) => Promise<{ data: unknown; headers: Record<string, string> }>;

/** Page numbers with the next one in the X-Pagination header (dserver): every page's entries as one list. */
async function xPagination(fetchPage: PageFetcher, params: Record<string, unknown>): Promise<unknown[]> {
  const all: unknown[] = [];
  let page: number | undefined = typeof params.page === "number" ? params.page : 1;
  while (page !== undefined) {
    const { data, headers } = await fetchPage({ ...params, page });
    if (Array.isArray(data)) all.push(...data);
    page = readPageInfo(headers)?.nextPage;
  }
  return all;
}

/** A Data Manager task's events, `event_limit` per page, older ones page by page: the task with every event. */
async function taskEvents(fetchPage: PageFetcher, params: Record<string, unknown>): Promise<unknown> {
  // The task id is already in the URL the fetcher sends to; the paging only moves event_prior_ordinal.
  const paging = taskEventsPaging(async (_taskId: string, query?: object) => (await fetchPage({ ...query })).data as TaskGetResponse);
  const args: [string, Record<string, unknown>] = ["", params];
  const pages: TaskGetResponse[] = [];
  let param = paging.initialPageParam(args);
  for (;;) {
    const page = await paging.fetchPage(args, param, {});
    pages.push(page);
    const next = paging.nextPageParam(page, args, param);
    if (next === undefined) break;
    param = next;
  }
  return { ...pages[0], events: pages.flatMap((page) => page.events ?? []) };
}

export const PAGINGS: Record<string, (fetchPage: PageFetcher, params: Record<string, unknown>) => Promise<unknown>> = {
  xPagination,
  taskEvents,
};
