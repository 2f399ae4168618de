// dserver's datasets, a page at a time: "Load more" fetches the next page,
// whose number comes from dserver's own paging (X-Pagination).
import { useListDatasetsInfinite } from "@sciclients/dserver-client/datasets";
import type { Deployment } from "./config.js";
import { Panel, QueryState } from "./Panel.js";

const PAGE_SIZE = 5;

export function DserverDatasets({ deployment }: { deployment: Deployment }) {
  const datasets = useListDatasetsInfinite({ page_size: PAGE_SIZE });
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
