// Walking dserver's paginated routes (`page`, `page_size`, `X-Pagination`).
import type { RequestOptions, ResponseInfo } from "@sciclients/core";
import { type PageInfo, readPageInfo } from "./pagination.js";

/** dserver answers at most this many entries per page. */
export const MAX_PAGE_SIZE = 100;

/** The query parameters every paginated operation takes. */
export interface PageParams {
  page?: number;
  page_size?: number;
}

/**
 * A generated function of a paginated operation: its leading arguments (path
 * parameters, body), then its query parameters, request options and signal;
 * it resolves to one page of entries. `listDatasets`, `searchDatasets`,
 * `getDatasetsByUuid`, `mongoQuery`, `mongoAggregate`, `listUsers`,
 * `listBaseUris`, `getDependencyGraph` and `getDependencyGraphByKeys` are such functions.
 */
export type PaginatedFunction = (...args: never[]) => Promise<readonly unknown[]>;

/** The entry type of a paginated function's pages. */
export type ItemOf<F extends PaginatedFunction> = Awaited<ReturnType<F>> extends readonly (infer Item)[] ? Item : never;

/** Drops the trailing request options (and the signal some generated functions take after them). */
type WithoutOptions<Args extends unknown[]> = Args extends [...infer Head, infer Last]
  ? [AbortSignal] extends [Last]
    ? WithoutOptions<Head>
    : [RequestOptions] extends [Last]
      ? Head
      : never
  : never;

/**
 * The arguments of `F` up to and including its query parameters (which may
 * be `undefined`): `[params]` for `listDatasets`, `[body, params]` for
 * `searchDatasets`, `[uuid, params]` for `getDatasetsByUuid`.
 */
export type PageArgs<F extends PaginatedFunction> = F extends (...args: infer All) => unknown
  ? WithoutOptions<Required<All>> extends [...infer Front, infer Params]
    ? Params extends PageParams
      ? [...Front, Params | undefined]
      : never
    : never
  : never;

/** One page of entries with the paging state the server reported. */
export interface Page<Item> {
  /** The entries of this page. */
  items: Item[];
  /** The page number asked for. */
  page: number;
  /** The parsed `X-Pagination` header, or `undefined` when the server sent none. */
  info: PageInfo | undefined;
}

/** Request options of the pagination helpers (`client`, `signal`, `headers`, …) with the page size. */
export interface PaginateOptions extends RequestOptions {
  /** Entries per page, 1 to 100. `paginate` and `fetchAll` default to 100 (fewest requests); `fetchPage` to the query parameters' `page_size` or the server's default. */
  pageSize?: number;
}

type Callable<Item> = (...args: unknown[]) => Promise<readonly Item[]>;

function checkPageSize(size: number): number {
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new RangeError(`dserver: the page size must be a whole number from 1 to ${MAX_PAGE_SIZE} (got ${size})`);
  }
  return size;
}

/** The leading arguments and a copy of the query parameters of a paginated call. */
export function split(args: readonly unknown[]): { leading: unknown[]; params: PageParams & Record<string, unknown> } {
  if (args.length === 0)
    throw new TypeError("dserver: pass the operation's arguments up to its query parameters, e.g. [params] or [body, params]");
  const params = args[args.length - 1];
  if (params !== undefined && (params === null || typeof params !== "object")) {
    throw new TypeError("dserver: the last argument must be the operation's query parameters (an object or undefined)");
  }
  return { leading: args.slice(0, -1), params: { ...(params as PageParams & Record<string, unknown>) } };
}

/**
 * Fetches one page and reads its `X-Pagination` header:
 * `fetchPage(listDatasets, [{ page: 2 }], { client, pageSize: 50 })`.
 */
export async function fetchPage<F extends PaginatedFunction>(
  fn: F,
  args: PageArgs<F>,
  options: PaginateOptions = {},
): Promise<Page<ItemOf<F>>> {
  const { pageSize, onResponse, ...request } = options;
  const { leading, params } = split(args as readonly unknown[]);
  if (pageSize !== undefined) params.page_size = checkPageSize(pageSize);
  else if (params.page_size !== undefined) checkPageSize(params.page_size);
  const page = params.page ?? 1;
  let headers: Record<string, string> = {};
  const items = await (fn as unknown as Callable<ItemOf<F>>)(...leading, params, {
    ...request,
    onResponse: (response: ResponseInfo) => {
      headers = response.headers;
      onResponse?.(response);
    },
  });
  if (!Array.isArray(items)) throw new TypeError(`dserver: page ${page} is not a list of entries`);
  return { items: [...items], page, info: readPageInfo(headers) };
}

/** The page to ask for after `current`, or undefined when `current` was the last (`pageSize` counts when the server sent no X-Pagination). */
export function nextPage(current: Page<unknown>, pageSize: number): number | undefined {
  const { info, page, items } = current;
  if (items.length === 0) return undefined;
  if (!info) return items.length < pageSize ? undefined : page + 1;
  // Only forward: a next_page that does not move on would loop for ever.
  if (info.nextPage !== undefined) return info.nextPage > page ? info.nextPage : undefined;
  // A header without next_page: go on while the last page is ahead (past the end comes back empty).
  const last = info.lastPage ?? info.totalPages;
  return last !== undefined && page < last ? page + 1 : undefined;
}

/**
 * Walks every page of a paginated operation, one page per step, starting at
 * the query parameters' `page` (default 1) and following `next_page`. It
 * stops after the last page (no `next_page` in `X-Pagination`, and `last_page`
 * or `total_pages` reached), on an empty page, and, when the server sends no
 * `X-Pagination`, after a page shorter than the page size. Empty pages are not
 * yielded.
 */
export async function* paginatePages<F extends PaginatedFunction>(
  fn: F,
  args: PageArgs<F>,
  options: PaginateOptions = {},
): AsyncGenerator<Page<ItemOf<F>>, void, undefined> {
  const { leading, params } = split(args as readonly unknown[]);
  const pageSize = checkPageSize(options.pageSize ?? params.page_size ?? MAX_PAGE_SIZE);
  let page: number | undefined = params.page ?? 1;
  while (page !== undefined) {
    const current: Page<ItemOf<F>> = await fetchPage(fn, [...leading, { ...params, page }] as PageArgs<F>, { ...options, pageSize });
    if (current.items.length === 0) return;
    yield current;
    page = nextPage(current, pageSize);
  }
}

/**
 * Every entry of every page, one at a time; the entry type comes from the
 * function: `for await (const dataset of paginate(listDatasets, [{ tags: ["raw"] }], { client }))`.
 */
export async function* paginate<F extends PaginatedFunction>(
  fn: F,
  args: PageArgs<F>,
  options: PaginateOptions = {},
): AsyncGenerator<ItemOf<F>, void, undefined> {
  for await (const page of paginatePages(fn, args, options)) yield* page.items;
}

/** Every entry of every page, in one array. */
export async function fetchAll<F extends PaginatedFunction>(fn: F, args: PageArgs<F>, options: PaginateOptions = {}): Promise<ItemOf<F>[]> {
  const all: ItemOf<F>[] = [];
  for await (const page of paginatePages(fn, args, options)) all.push(...page.items);
  return all;
}
