// The paging of dserver's infinite queries (`useListDatasetsInfinite`, …, which
// `pnpm generate` writes for the operations specs/services.yaml lists): page
// numbers, the next one from the X-Pagination response header. Each page in the
// cache is a `Page`: its entries, its number and the parsed header.
import type { Paging } from "@sciclients/core";
import { fetchPage, type ItemOf, nextPage, type Page, type PageArgs, type PaginatedFunction, split } from "./paginate.js";

/** What dserver answers per page when the request names no page_size. */
const SERVER_PAGE_SIZE = 10;

/**
 * The infinite-query paging of a paginated dserver operation: the first page
 * is the query parameters' `page` (default 1), the next one X-Pagination's
 * `next_page`; it stops after the last page (see `paginatePages`).
 */
export function xPagination<F extends PaginatedFunction>(fn: F): Paging<PageArgs<F>, Page<ItemOf<F>>, number> {
  return {
    initialPageParam: (args) => split(args).params.page ?? 1,
    fetchPage: (args, page, request) => {
      const { leading, params } = split(args);
      return fetchPage(fn, [...leading, { ...params, page }] as PageArgs<F>, request);
    },
    nextPageParam: (last, args) => nextPage(last, split(args).params.page_size ?? SERVER_PAGE_SIZE),
  };
}
