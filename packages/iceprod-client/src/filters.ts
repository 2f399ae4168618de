// IceProd's filters and projections are `|`-separated query values:
// `status=processing|suspended`, `keys=dataset_id|description|status`.
import type { DatasetStatus, TaskStatus } from "./generated/model/index.js";

/**
 * Joins values into one `|`-separated query value, dropping repeats. A value
 * that is empty or contains `|` cannot be sent this way and throws a
 * RangeError. An empty list gives `undefined`, which leaves the parameter out
 * (no filtering), rather than an empty value the server would refuse.
 */
export function pipeList(values: readonly string[]): string | undefined {
  const unique: string[] = [];
  for (const value of values) {
    if (typeof value !== "string" || value === "") throw new RangeError("IceProd filter values must be non-empty strings");
    if (value.includes("|")) throw new RangeError(`IceProd filter values cannot contain "|" (got ${JSON.stringify(value)})`);
    if (!unique.includes(value)) unique.push(value);
  }
  return unique.length > 0 ? unique.join("|") : undefined;
}

/** Every status a dataset, job or task can have. */
export type AnyStatus = DatasetStatus | TaskStatus;

const STATUSES: ReadonlySet<string> = new Set<AnyStatus>([
  "processing",
  "suspended",
  "errors",
  "complete",
  "idle",
  "waiting",
  "queued",
  "failed",
]);

/**
 * A status filter: `statusFilter(["processing", "suspended"])` is
 * `"processing|suspended"`. Statuses are checked, so a typo fails here rather
 * than as the server's `400`. Use dataset/job statuses for dataset and job
 * routes and task statuses for task routes.
 */
export function statusFilter<S extends AnyStatus>(statuses: readonly S[]): string | undefined {
  for (const status of statuses) {
    if (!STATUSES.has(status)) throw new RangeError(`Unknown IceProd status ${JSON.stringify(status)}`);
  }
  return pipeList(statuses);
}

/**
 * A `keys` projection: `keys(["dataset_id", "description", "status"])` is
 * `"dataset_id|description|status"`. Only these fields (and the record's id)
 * come back, which keeps large listings small.
 */
export function keys<K extends string>(fields: readonly K[]): string | undefined {
  return pipeList(fields);
}
