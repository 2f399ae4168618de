// @sciclients/dserver-client: the client factory, errors, every model type and
// the dserver helpers (paging, sorting, one-call lookups, README parsing).
// Request functions and hooks are exported per tag: "@sciclients/dserver-client/<tag>".
export type { ApiErrorInit, BinaryBody, FileSource, RequestOptions, ResponseInfo } from "@sciclients/core";
export { ApiError, AuthError, fileFrom, isApiError, isAuthError, MissingClientError } from "@sciclients/core";
export type { DserverClient, DserverClientOptions } from "./client.js";
export { createDserverClient } from "./client.js";
export { datasetDate } from "./dates.js";
export * from "./generated/model/index.js";
export type { ListLookupOptions, LookupRequestOptions, QueryLookupOptions, SortedListLookupOptions } from "./lookups.js";
export { getAllDatasets, getDatasetsByUuid, getManifest, getReadme, getSummary, queryDatasets, searchDatasets } from "./lookups.js";
export type { ItemOf, Page, PageArgs, PageParams, PaginatedFunction, PaginateOptions } from "./paginate.js";
export { fetchAll, fetchPage, MAX_PAGE_SIZE, paginate, paginatePages } from "./paginate.js";
export type { AppliedSort, PageInfo } from "./pagination.js";
export { HeaderFormatError, PAGINATION_HEADER, parsePageInfo, parseSortHeader, readPageInfo, SORT_HEADER } from "./pagination.js";
export type { Readme } from "./readme.js";
export { parseReadme } from "./readme.js";
export type { BaseUriSortField, DatasetSortField, SortDirection, SortKey, SortSpec, UserSortField } from "./sort.js";
export { sortBy } from "./sort.js";
