// The lookups of the Python client (dtool_lookup_api), one call each. List
// lookups walk every page; URIs such as `s3://bucket/<uuid>` are
// percent-encoded into the path by the generated functions.
import type { RequestOptions } from "@sciclients/core";
import type { DserverClient } from "./client.js";
import {
  getDatasetsByUuid as getDatasetsByUuidPage,
  listDatasets,
  searchDatasets as searchDatasetsPage,
} from "./generated/functions/datasets/datasets.js";
import { getManifest as getManifestRequest } from "./generated/functions/manifests/manifests.js";
import { getMySummary } from "./generated/functions/me/me.js";
import { mongoQuery } from "./generated/functions/mongo/mongo.js";
import { getReadme as getReadmeRequest } from "./generated/functions/readmes/readmes.js";
import type {
  DatasetEntry,
  DatasetManifest,
  DatasetSummary,
  MongoQueryRequest,
  MongoQueryRequestQuery,
  SearchQuery,
} from "./generated/model/index.js";
import { fetchAll, type PaginateOptions } from "./paginate.js";
import { parseReadme, type Readme } from "./readme.js";
import { type DatasetSortField, type SortSpec, sortBy } from "./sort.js";

/** Request options of the one-call lookups (the client is their first argument). */
export type LookupRequestOptions = Omit<RequestOptions, "client">;

/** Options of the list lookups: page size (default 100, the most dserver allows) and any request option. */
export type ListLookupOptions = Omit<PaginateOptions, "client">;

/** Options of the list lookups that dserver can sort. */
export interface SortedListLookupOptions extends ListLookupOptions {
  /** Order of the entries: `["-frozen_at", "name"]`, `{ name: "asc" }` or `"uri,-name"`. The server sorts by `uri` by default. */
  sort?: SortSpec<DatasetSortField>;
}

/** Options of `queryDatasets`. */
export interface QueryLookupOptions extends ListLookupOptions {
  /** Search filters applied together with the mongo query. */
  filters?: Omit<MongoQueryRequest, "query" | "aggregation">;
}

const withClient = <Options extends object>(client: DserverClient, options: Options | undefined) => ({ ...options, client });

/** Every dataset the signed-in user may search, from all pages (`get_datasets()`). */
export function getAllDatasets(client: DserverClient, options?: SortedListLookupOptions): Promise<DatasetEntry[]> {
  const { sort, ...rest } = options ?? {};
  return fetchAll(listDatasets, [{ sort: sortBy(sort) }], withClient(client, rest));
}

/** Every registration of one dataset UUID, one per base URI it was copied to (`get_datasets_by_uuid(uuid)`). */
export function getDatasetsByUuid(client: DserverClient, uuid: string, options?: SortedListLookupOptions): Promise<DatasetEntry[]> {
  const { sort, ...rest } = options ?? {};
  return fetchAll(getDatasetsByUuidPage, [uuid, { sort: sortBy(sort) }], withClient(client, rest));
}

/**
 * Datasets matching a free-text search over their metadata and README
 * (`get_datasets(free_text=...)`), from all pages. Pass a `SearchQuery` to
 * combine it with other filters (`{ free_text, tags, base_uris, ... }`).
 */
export function searchDatasets(
  client: DserverClient,
  freeText: string | SearchQuery,
  options?: SortedListLookupOptions,
): Promise<DatasetEntry[]> {
  const { sort, ...rest } = options ?? {};
  const query: SearchQuery = typeof freeText === "string" ? { free_text: freeText } : freeText;
  return fetchAll(searchDatasetsPage, [query, { sort: sortBy(sort) }], withClient(client, rest));
}

/** The manifest (items with relpath, size, hash and time) of the dataset at `uri` (`get_manifest(uri)`). */
export function getManifest(client: DserverClient, uri: string, options?: LookupRequestOptions): Promise<DatasetManifest> {
  return getManifestRequest(uri, withClient(client, options));
}

/**
 * The README of the dataset at `uri` (`get_readme(uri)`): `text` as stored
 * and `data`, the text parsed as YAML (`yaml.safe_load`). `Data` names the
 * shape you expect; it is not checked.
 */
export async function getReadme<Data = unknown>(client: DserverClient, uri: string, options?: LookupRequestOptions): Promise<Readme<Data>> {
  const { readme } = await getReadmeRequest(uri, withClient(client, options));
  return parseReadme<Data>(readme ?? "");
}

/**
 * Datasets matching a MongoDB filter document, from all pages (`query(...)`;
 * needs the server's direct-mongo plugin). README fields are searchable as
 * `readme.<field>`: `queryDatasets(client, { "readme.project": "testing project" })`.
 */
export function queryDatasets(client: DserverClient, mongo: MongoQueryRequestQuery, options?: QueryLookupOptions): Promise<DatasetEntry[]> {
  const { filters, ...rest } = options ?? {};
  return fetchAll(mongoQuery, [{ ...filters, query: mongo }, {}], withClient(client, rest));
}

/** Counts and sizes of the datasets the signed-in user may see, per creator, base URI and tag (`get_summary()`). */
export function getSummary(client: DserverClient, options?: LookupRequestOptions): Promise<DatasetSummary> {
  return getMySummary(withClient(client, options));
}
