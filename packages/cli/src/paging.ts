// --all-pages: the pagings the command line follows, by their manifest name
// (specs/services.yaml infiniteQueries).
import { readPageInfo } from "@sciclients/dserver-client";

/** Sends one page (query parameters given) and reports the response headers. */
export type PageFetcher = (params: Record<string, unknown>) => Promise<{ data: unknown; headers: Record<string, string> }>;

/** Page numbers with the next one in the X-Pagination header (dserver). */
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

export const PAGINGS: Record<string, (fetchPage: PageFetcher, params: Record<string, unknown>) => Promise<unknown[]>> = { xPagination };
