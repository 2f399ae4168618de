// Training a visual ML task and waiting for it, like the official client's
// DSSMLTask.train(): start a session, poll the task's status until it no longer
// trains, then return the models that session trained.
import type { DssClient } from "./client.js";
import { getMlTaskStatus, startTrain } from "./generated/functions/ml-tasks/ml-tasks.js";
import type { MlTaskStatus, TrainingSessionRequest } from "./generated/model/index.js";
import { type DssWaitOptions, pollUntil, requestOptions } from "./polling.js";

export interface TrainMlTaskAndWaitOptions extends Omit<DssWaitOptions, "abortOnSignal"> {
  /** Name, description and queue handling of the training session. */
  session?: TrainingSessionRequest;
  /** Called with the session's identifier once training started. */
  onStart?: (sessionId: string) => void;
  /** Called after every poll with the task's status. */
  onStatus?: (status: MlTaskStatus) => void;
}

/** The ML task finished training, but the session produced no model (every algorithm failed). */
export class DssMlTrainingError extends Error {
  override readonly name = "DssMlTrainingError";
  readonly projectKey: string;
  readonly analysisId: string;
  readonly mlTaskId: string;
  readonly sessionId: string;
  readonly status: MlTaskStatus;
  constructor(init: { projectKey: string; analysisId: string; mlTaskId: string; sessionId: string; status: MlTaskStatus }) {
    super(
      `Training session ${init.sessionId} of ML task ${init.projectKey}.${init.analysisId}.${init.mlTaskId} ended without a trained model; see the task's models in DSS for each algorithm's error`,
    );
    this.projectKey = init.projectKey;
    this.analysisId = init.analysisId;
    this.mlTaskId = init.mlTaskId;
    this.sessionId = init.sessionId;
    this.status = init.status;
  }
}

export function isDssMlTrainingError(value: unknown): value is DssMlTrainingError {
  return value instanceof DssMlTrainingError;
}

/**
 * Trains an ML task and resolves to the identifiers of the models the new session trained
 * (for `getTrainedModelDetails` and `deployToFlow`). Waits first for DSS to finish guessing the
 * task's settings if it still is, starts the session (`startTrain`), then polls `getMlTaskStatus`
 * with the official backoff until `training` is false.
 *
 * - a session that trained no model rejects with {@link DssMlTrainingError};
 * - errors while starting or polling (a task that does not exist: 404) reject with the `ApiError`;
 * - `signal` stops the waiting (DSS's public API has no call to stop a training session).
 */
export async function trainMlTaskAndWait(
  client: DssClient,
  projectKey: string,
  analysisId: string,
  mlTaskId: string,
  options: TrainMlTaskAndWaitOptions = {},
): Promise<string[]> {
  const request = () => requestOptions(client, options);
  const status = () => getMlTaskStatus(projectKey, analysisId, mlTaskId, request());
  const stopped = <T>(promise: Promise<T>) =>
    promise.catch((error: unknown) => {
      if (options.signal?.aborted) throw options.signal.reason;
      throw error;
    });
  await stopped(pollUntil(status, (s) => s.guessing !== true, options, options.onStatus));
  const { sessionId } = await stopped(
    startTrain(
      projectKey,
      analysisId,
      mlTaskId,
      { sessionName: null, sessionDescription: null, runQueue: false, ...options.session },
      request(),
    ),
  );
  if (!sessionId) throw new TypeError(`DSS started training ML task ${projectKey}.${analysisId}.${mlTaskId} without a session id`);
  options.onStart?.(sessionId);
  const last = await stopped(pollUntil(status, (s) => s.training !== true, options, options.onStatus));
  const trained = (last.fullModelIds ?? [])
    .filter((model) => (model.fullModelId as { sessionId?: unknown } | undefined)?.sessionId === sessionId)
    .map((model) => model.id)
    .filter((id): id is string => typeof id === "string");
  if (trained.length === 0) throw new DssMlTrainingError({ projectKey, analysisId, mlTaskId, sessionId, status: last });
  return trained;
}
