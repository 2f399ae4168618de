// Infinite queries of paginated operations: how a service pages is its own
// (page numbers in a response header, a cursor in the body, …); a `Paging`
// says it, and `infinitePages` turns it into React Query's infinite options.
import type { RequestOptions } from "./request.js";

/**
 * How the pages of one paginated operation are fetched and chained. `Args` are
 * the operation's arguments before its request options (`[params]`,
 * `[body, params]`, `[taskId, params]`); `PageParam` says which page to fetch
 * and must be serialisable (a number or a string), as it is cached and dehydrated.
 */
export interface Paging<Args extends readonly unknown[], Page, PageParam> {
  /** The first page's parameter, from the caller's arguments (their own `page`, or the start). */
  initialPageParam(args: Args): PageParam;
  /** Fetches the page `pageParam` of the operation called with `args`. */
  fetchPage(args: Args, pageParam: PageParam, request: RequestOptions): Promise<Page>;
  /** The parameter of the page after `lastPage`, from the service's own paging information; `undefined` after the last page. */
  nextPageParam(lastPage: Page, args: Args, lastPageParam: PageParam): PageParam | undefined;
}

/** The page type of a paging. */
// biome-ignore lint/suspicious/noExplicitAny: matches a paging of any arguments.
export type PageOf<P> = P extends Paging<any, infer Page, any> ? Page : never;
/** The page-parameter type of a paging. */
// biome-ignore lint/suspicious/noExplicitAny: matches a paging of any arguments.
export type PageParamOf<P> = P extends Paging<any, any, infer PageParam> ? PageParam : never;

/** The part of React Query's infinite-query options a paging decides. */
export interface InfinitePages<Page, PageParam> {
  queryFn: (context: { pageParam: PageParam; signal: AbortSignal }) => Promise<Page>;
  initialPageParam: PageParam;
  getNextPageParam: (lastPage: Page, allPages: Page[], lastPageParam: PageParam) => PageParam | undefined;
}

/**
 * What generated `get…InfiniteQueryOptions` functions spread into their
 * options: the query function fetching page `pageParam` with the caller's
 * request options (and React Query's abort signal unless they carry one),
 * the first page parameter, and the next one from the last page fetched.
 */
export function infinitePages<Args extends readonly unknown[], Page, PageParam>(
  paging: Paging<Args, Page, PageParam>,
  args: Args,
  request?: RequestOptions,
): InfinitePages<Page, PageParam> {
  return {
    queryFn: ({ pageParam, signal }) => paging.fetchPage(args, pageParam, { ...request, signal: request?.signal ?? signal }),
    initialPageParam: paging.initialPageParam(args),
    getNextPageParam: (lastPage, _allPages, lastPageParam) => paging.nextPageParam(lastPage, args, lastPageParam),
  };
}
