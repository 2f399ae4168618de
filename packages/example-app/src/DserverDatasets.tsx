// dserver's datasets, a page at a time: "Load more" fetches the next page.

import type { DatasetEntry } from "@sciclients/dserver-client";
import { type DserverClient, fetchPage, type Page } from "@sciclients/dserver-client";
import { listDatasets } from "@sciclients/dserver-client/datasets";
import { useInfiniteQuery } from "@tanstack/react-query";
import type { Deployment } from "./config.js";
import { Panel, QueryState } from "./Panel.js";

const PAGE_SIZE = 5;

/** The page after `last`: X-Pagination's next_page, or (without the header) the next one while pages are full. */
function nextPageOf(last: Page<DatasetEntry>): number | undefined {
  if (last.info) return last.info.nextPage;
  return last.items.length === PAGE_SIZE ? last.page + 1 : undefined;
}

export function DserverDatasets({ deployment, client }: { deployment: Deployment; client: DserverClient }) {
  const datasets = useInfiniteQuery({
    queryKey: ["dserver", client.baseURL, "uris", { page_size: PAGE_SIZE }],
    queryFn: ({ pageParam, signal }) => fetchPage(listDatasets, [{ page: pageParam, page_size: PAGE_SIZE }], { client, signal }),
    initialPageParam: 1,
    getNextPageParam: nextPageOf,
  });
  const entries = datasets.data?.pages.flatMap((page) => page.items);
  return (
    <Panel title={deployment.label} baseURL={deployment.baseURL}>
      {entries ? (
        <ul aria-label="Datasets">
          {entries.map((dataset) => (
            <li key={dataset.uuid}>
              {dataset.name} <span className="muted">{dataset.creator_username}</span>
            </li>
          ))}
        </ul>
      ) : (
        <QueryState error={datasets.error} />
      )}
      {datasets.hasNextPage && (
        <button type="button" onClick={() => datasets.fetchNextPage()} disabled={datasets.isFetchingNextPage}>
          {datasets.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
      {datasets.isFetchNextPageError && <p role="alert">{datasets.error?.message}</p>}
    </Panel>
  );
}
