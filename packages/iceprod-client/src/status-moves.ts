// The status moves IceProd's server allows (its state machines, IceProd d142e63),
// for a UI that offers only the moves that will succeed. The spec carries the
// same tables as `x-iceprod-status-moves` on DatasetStatus, JobStatus and
// TaskStatus; a test keeps the two equal.
import type { DatasetStatus, JobStatus, TaskStatus } from "./generated/model/index.js";

/** Dataset moves: `updateDatasetStatus` answers 400 for any other. */
export const DATASET_STATUS_MOVES: Readonly<Record<DatasetStatus, readonly DatasetStatus[]>> = {
  processing: ["suspended", "errors", "complete"],
  suspended: ["processing"],
  errors: ["processing", "suspended"],
  complete: [],
};

/** Job moves: `updateJobStatus` answers 400 for any other; the bulk job actions skip jobs that cannot move. */
export const JOB_STATUS_MOVES: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  processing: ["suspended", "errors", "complete"],
  suspended: ["processing"],
  errors: ["processing"],
  complete: [],
};

/**
 * Task moves: `updateTaskStatus` answers 400 for any other (`waiting` →
 * `failed`, for one); the suspend and reset actions skip tasks that cannot
 * move. The bulk-status and hard-reset actions do not check them.
 */
export const TASK_STATUS_MOVES: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  idle: ["waiting", "suspended"],
  waiting: ["queued", "idle", "suspended"],
  queued: ["processing", "idle", "waiting", "suspended", "failed", "complete"],
  processing: ["idle", "waiting", "queued", "suspended", "failed", "complete"],
  suspended: ["idle", "waiting"],
  failed: ["idle", "waiting"],
  complete: [],
};

const allowed = <S extends string>(moves: Readonly<Record<S, readonly S[]>>, from: S, to: S): boolean =>
  from === to || (moves[from]?.includes(to) ?? false);

/** Whether IceProd accepts setting a dataset in status `from` to `to` (asking for the current status is accepted and changes nothing). */
export const canMoveDataset = (from: DatasetStatus, to: DatasetStatus): boolean => allowed(DATASET_STATUS_MOVES, from, to);

/** Whether IceProd accepts setting a job in status `from` to `to` (asking for the current status is accepted and changes nothing). */
export const canMoveJob = (from: JobStatus, to: JobStatus): boolean => allowed(JOB_STATUS_MOVES, from, to);

/** Whether IceProd accepts setting a task in status `from` to `to` (asking for the current status is accepted and changes nothing). */
export const canMoveTask = (from: TaskStatus, to: TaskStatus): boolean => allowed(TASK_STATUS_MOVES, from, to);
