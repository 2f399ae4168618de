// Starting a DSS job (build) and waiting until it is DONE, FAILED or ABORTED.
import type { DssClient } from "./client.js";
import { abortJob, getJob, startJob } from "./generated/functions/jobs/jobs.js";
import type { JobDefinition, JobStatus } from "./generated/model/index.js";
import { type DssWaitOptions, pollUntil, requestOptions, withAbort } from "./polling.js";

/** The states after which a job does not change any more. */
export const FINAL_JOB_STATES = ["DONE", "FAILED", "ABORTED"] as const;
export type FinalJobState = (typeof FINAL_JOB_STATES)[number];

export interface RunJobAndWaitOptions extends DssWaitOptions {
  /**
   * What a job that ends FAILED or ABORTED does: `true` (default, like the
   * official client's `start_job_and_wait`) rejects with {@link DssJobError};
   * `false` returns its final status like a DONE one.
   */
  throwOnFailure?: boolean;
  /** Called once DSS accepted the job, with its id (to show, log or abort it). */
  onStart?: (jobId: string) => void;
  /** Called with every status polled, the last one included. */
  onStatus?: (status: JobStatus) => void;
}

/** A DSS job ended FAILED or ABORTED. */
export class DssJobError extends Error {
  override readonly name = "DssJobError";
  readonly projectKey: string;
  readonly jobId: string;
  /** FAILED or ABORTED. */
  readonly state: Exclude<FinalJobState, "DONE">;
  /** The job's final status, as `getJob` returned it. */
  readonly status: JobStatus;

  constructor(projectKey: string, jobId: string, status: JobStatus) {
    const state = status.baseStatus.state as Exclude<FinalJobState, "DONE">;
    const reason = firstFailure(status);
    super(`DSS job ${jobId} in project ${projectKey} ended ${state}${reason ? `: ${reason}` : ""}`);
    this.projectKey = projectKey;
    this.jobId = jobId;
    this.state = state;
    this.status = status;
  }
}

export function isDssJobError(value: unknown): value is DssJobError {
  return value instanceof DssJobError;
}

const isFinal = (status: JobStatus): boolean => (FINAL_JOB_STATES as readonly string[]).includes(status.baseStatus?.state);

/** The message of the first failed activity, if DSS reported one. */
function firstFailure(status: JobStatus): string | undefined {
  for (const activity of Object.values(status.baseStatus?.activities ?? {})) {
    const failure = (activity as { firstFailure?: { message?: unknown } } | null)?.firstFailure;
    if (typeof failure?.message === "string" && failure.message !== "") return failure.message;
  }
  return undefined;
}

/**
 * Starts a job (`POST /projects/{projectKey}/jobs/`) and polls
 * `GET /projects/{projectKey}/jobs/{id}/` until `baseStatus.state` is DONE,
 * FAILED or ABORTED, with the official backoff (200 ms, times 1.1, at most
 * 15 s) unless `backoff` says otherwise. Returns the final status.
 *
 * A FAILED or ABORTED job rejects with {@link DssJobError} (carrying the final
 * status); with `throwOnFailure: false` it is returned like a DONE one, so
 * check `status.baseStatus.state`. `signal` stops the waiting (rejecting with
 * `signal.reason`); with `abortOnSignal: true` the job is aborted on DSS too.
 */
export async function runJobAndWait(
  client: DssClient,
  projectKey: string,
  jobDefinition: JobDefinition,
  options: RunJobAndWaitOptions = {},
): Promise<JobStatus> {
  const request = () => requestOptions(client, options);
  let jobId: string | undefined;
  const stop = () => (jobId === undefined ? Promise.resolve() : abortJob(projectKey, jobId, { ...options.request, client }));

  return withAbort(
    options,
    async () => {
      const started = await startJob(projectKey, jobDefinition, request());
      const id = started.id;
      jobId = id;
      options.onStart?.(id);
      const status = await pollUntil(() => getJob(projectKey, id, request()), isFinal, options, options.onStatus);
      if (status.baseStatus.state !== "DONE" && options.throwOnFailure !== false) throw new DssJobError(projectKey, id, status);
      return status;
    },
    stop,
  );
}
