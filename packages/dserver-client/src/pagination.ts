// dserver's paging and sorting response headers, read into typed values.

/** The name of the response header dserver reports paging state in. */
export const PAGINATION_HEADER = "X-Pagination";
/** The name of the response header dserver reports the applied sort order in (not readable by browsers: CORS exposes only X-Pagination). */
export const SORT_HEADER = "X-Sort";

/** The paging state of one response, from its `X-Pagination` header. Fields the server left out are `undefined`. */
export interface PageInfo {
  /** Number of entries across all pages. */
  total: number | undefined;
  totalPages: number | undefined;
  firstPage: number | undefined;
  lastPage: number | undefined;
  /** The page returned; absent when the requested page is past the end. */
  page: number | undefined;
  /** Absent on the last page. */
  nextPage: number | undefined;
  /** Absent on the first page. */
  previousPage: number | undefined;
}

/** A header dserver sent that is not what it should be (not JSON, not an object, a field of the wrong type). */
export class HeaderFormatError extends Error {
  override readonly name = "HeaderFormatError";
  /** The header's name, e.g. `X-Pagination`. */
  readonly header: string;
  /** The header's value as received (at most 200 characters of it). */
  readonly value: string;

  constructor(header: string, value: string, problem: string) {
    const shown = value.length > 200 ? `${value.slice(0, 200)}…` : value;
    super(`dserver: the ${header} response header ${problem}: ${JSON.stringify(shown)}`);
    this.header = header;
    this.value = shown;
  }
}

const FIELDS = [
  ["total", "total"],
  ["totalPages", "total_pages"],
  ["firstPage", "first_page"],
  ["lastPage", "last_page"],
  ["page", "page"],
  ["nextPage", "next_page"],
  ["previousPage", "previous_page"],
] as const satisfies readonly (readonly [keyof PageInfo, string])[];

function parseObject(header: string, value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new HeaderFormatError(header, value, "is not valid JSON");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new HeaderFormatError(header, value, "is not a JSON object");
  }
  return parsed as Record<string, unknown>;
}

/**
 * Parses the JSON of an `X-Pagination` header into page info. Gives
 * `undefined` when there is no header (an empty string counts as none);
 * throws `HeaderFormatError` naming the header when it is not a JSON object
 * or a field is not a whole number (`null` counts as absent).
 */
export function parsePageInfo(value: string | null | undefined): PageInfo | undefined {
  if (value === undefined || value === null || value.trim() === "") return undefined;
  const raw = parseObject(PAGINATION_HEADER, value);
  const info = {} as PageInfo;
  for (const [key, wire] of FIELDS) {
    const field = raw[wire];
    if (field === undefined || field === null) {
      info[key] = undefined;
    } else if (typeof field === "number" && Number.isInteger(field) && field >= 0) {
      info[key] = field;
    } else {
      throw new HeaderFormatError(PAGINATION_HEADER, value, `has "${wire}" that is not a whole number`);
    }
  }
  return info;
}

/** Reads the page info from response headers (as `onResponse` gives them, names in lower case; any case works). */
export function readPageInfo(headers: Record<string, string | undefined>): PageInfo | undefined {
  return parsePageInfo(headerValue(headers, PAGINATION_HEADER));
}

/** The applied order per field from an `X-Sort` header: `1` ascending, `-1` descending. */
export type AppliedSort = Record<string, 1 | -1>;

/**
 * Parses the JSON of an `X-Sort` header (`{"sort": {"uri": 1, "name": -1}}`).
 * Gives `undefined` when there is no header; throws `HeaderFormatError` when it is malformed.
 */
export function parseSortHeader(value: string | null | undefined): AppliedSort | undefined {
  if (value === undefined || value === null || value.trim() === "") return undefined;
  const raw = parseObject(SORT_HEADER, value);
  const sort = raw.sort ?? {};
  if (sort === null || typeof sort !== "object" || Array.isArray(sort)) {
    throw new HeaderFormatError(SORT_HEADER, value, 'has "sort" that is not an object');
  }
  const applied: AppliedSort = {};
  for (const [field, direction] of Object.entries(sort)) {
    if (direction !== 1 && direction !== -1) throw new HeaderFormatError(SORT_HEADER, value, `has "${field}" that is neither 1 nor -1`);
    applied[field] = direction;
  }
  return applied;
}

function headerValue(headers: Record<string, string | undefined>, name: string): string | undefined {
  const lower = name.toLowerCase();
  if (headers[lower] !== undefined) return headers[lower];
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}
