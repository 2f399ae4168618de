// Shared test data: the dataset of the dtool_lookup_api examples, and a tiny
// dserver on MSW that pages a list the way flask-smorest does.
import type { DatasetEntry, DatasetManifest } from "@sciclients/dserver-client";

export const BASE_URL = "https://dserver.test/api";
export const UUID = "1a1f9fad-8589-413e-9602-5bbd66bfe675";
export const SMB_URI = `smb://test-share/${UUID}`;
export const S3_URI = `s3://bucket/${UUID}`;

export const dataset = (overrides: Partial<DatasetEntry> = {}): DatasetEntry => ({
  base_uri: "smb://test-share",
  created_at: 1604860720.736269,
  creator_username: "jotelha",
  dtoolcore_version: "3.17.0",
  frozen_at: 1604921621.719575,
  name: "simple_test_dataset",
  tags: [],
  type: "dataset",
  uri: SMB_URI,
  uuid: UUID,
  ...overrides,
});

/** `count` datasets named ds-001, ds-002, … under s3://bucket. */
export const datasets = (count: number): DatasetEntry[] =>
  Array.from({ length: count }, (_, i) => {
    const uuid = `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`;
    return dataset({ base_uri: "s3://bucket", name: `ds-${String(i + 1).padStart(3, "0")}`, uri: `s3://bucket/${uuid}`, uuid });
  });

export const manifest: DatasetManifest = {
  dtoolcore_version: "3.17.0",
  hash_function: "md5sum_hexdigest",
  items: {
    eb58eb70ebcddf630feeea28834f5256c207edfd: {
      hash: "2f7d9c3e0cfd47e8fcab0c12447b2bf0",
      relpath: "simple_text_file.txt",
      size_in_bytes: 17,
      utc_timestamp: 1605027357.284966,
    },
  },
};

export const README_TEXT = `---
description: testing description
project: testing project
creation_date: 2020-11-08
expiration_date: 2022-11-08
owners:
  - name: Testing User
    email: testing.user@example.org
    username: testing_user
    orcid: testing_orcid
funders:
  - organization: testing_organization
    program: testing_program
    code: testing_code
`;

export const README_DATA = {
  creation_date: "2020-11-08",
  description: "testing description",
  expiration_date: "2022-11-08",
  funders: [{ code: "testing_code", organization: "testing_organization", program: "testing_program" }],
  owners: [{ email: "testing.user@example.org", name: "Testing User", orcid: "testing_orcid", username: "testing_user" }],
  project: "testing project",
};

/** The X-Pagination header flask-smorest sends for `page` of `total` entries. */
export function paginationHeader(total: number, page: number, pageSize: number): string {
  const totalPages = Math.max(1, Math.ceil(total / pageSize));
  const header: Record<string, number> = { total, total_pages: totalPages, first_page: 1, last_page: totalPages };
  if (page <= totalPages) header.page = page;
  if (page > 1) header.previous_page = Math.min(page - 1, totalPages);
  if (page < totalPages) header.next_page = page + 1;
  return JSON.stringify(header);
}

/** One page of `all`, as dserver answers `?page=&page_size=` (defaults 1 and 10). */
export function pageOf<T>(all: readonly T[], url: URL): { items: T[]; header: string } {
  const page = Number(url.searchParams.get("page") ?? "1");
  const pageSize = Number(url.searchParams.get("page_size") ?? "10");
  const items = all.slice((page - 1) * pageSize, page * pageSize);
  return { items, header: paginationHeader(all.length, page, pageSize) };
}
