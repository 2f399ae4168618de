// dserver sends `created_at` and `frozen_at` as epoch seconds; older servers
// and the direct-mongo plugin send HTTP date strings instead.

/**
 * A dataset timestamp as a `Date`: epoch seconds (`1604860720.736`, also as a
 * numeric string) or a date string (`"Sun, 08 Nov 2020 18:38:40 GMT"`).
 * Throws `TypeError` for anything else.
 */
export function datasetDate(value: number | string): Date {
  let ms: number;
  if (typeof value === "number") ms = value * 1000;
  else if (/^\s*-?\d+(\.\d+)?\s*$/.test(value)) ms = Number(value) * 1000;
  else ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new TypeError(`dserver: ${JSON.stringify(value)} is neither epoch seconds nor a date`);
  return new Date(ms);
}
