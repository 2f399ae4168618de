// Running a DSS scenario and waiting for its run: trigger fire, then the run it
// started, then that run until it has a result.
import type { DssClient } from "./client.js";
import {
  abortScenario,
  getScenarioRun,
  getScenarioRunForTrigger,
  getScenarioTriggerFire,
  runScenario,
} from "./generated/functions/scenarios/scenarios.js";
import type {
  ScenarioRun,
  ScenarioRunDetails,
  ScenarioRunResultOutcome,
  ScenarioTriggerFire,
  ScenarioTriggerParams,
} from "./generated/model/index.js";
import { type DssWaitOptions, pollUntil, requestOptions, withAbort } from "./polling.js";

export interface RunScenarioAndWaitOptions extends DssWaitOptions {
  /**
   * What a run that ends FAILED or ABORTED does: `true` (default) rejects with
   * {@link DssScenarioRunError}; `false` returns it like a successful one.
   */
  throwOnFailure?: boolean;
  /** Count a WARNING outcome as a failure too (default false: WARNING is a finished run, as in the DSS UI). */
  failOnWarning?: boolean;
  /** Called with the trigger fire DSS answered the run request with. */
  onTriggerFire?: (fire: ScenarioTriggerFire) => void;
  /** Called with the run at every poll once DSS has created it, the last one included. */
  onRun?: (run: ScenarioRun) => void;
}

/** Why a scenario run is reported as failed: its outcome, or CANCELLED when DSS dropped the trigger fire before a run started. */
export type DssScenarioFailure = ScenarioRunResultOutcome | "CANCELLED";

/** A scenario run ended FAILED or ABORTED (or WARNING with `failOnWarning`), or its trigger fire was cancelled. */
export class DssScenarioRunError extends Error {
  override readonly name = "DssScenarioRunError";
  readonly projectKey: string;
  readonly scenarioId: string;
  readonly outcome: DssScenarioFailure;
  /** The trigger fire that asked for the run. */
  readonly triggerFire: ScenarioTriggerFire;
  /** The finished run with its steps; undefined when the fire was cancelled. */
  readonly run: ScenarioRunDetails | undefined;

  constructor(init: {
    projectKey: string;
    scenarioId: string;
    outcome: DssScenarioFailure;
    triggerFire: ScenarioTriggerFire;
    run?: ScenarioRunDetails;
  }) {
    const what =
      init.outcome === "CANCELLED"
        ? "was cancelled before it started"
        : `run ${init.run ? `${init.run.scenarioRun.runId} ` : ""}ended ${init.outcome}`;
    super(`DSS scenario ${init.scenarioId} in project ${init.projectKey} ${what}`);
    this.projectKey = init.projectKey;
    this.scenarioId = init.scenarioId;
    this.outcome = init.outcome;
    this.triggerFire = init.triggerFire;
    this.run = init.run;
  }
}

export function isDssScenarioRunError(value: unknown): value is DssScenarioRunError {
  return value instanceof DssScenarioRunError;
}

const isFinished = (run: ScenarioRun | undefined): boolean => run?.result !== undefined && run.result !== null;

/**
 * Runs a scenario and waits for the run it started, like the official client's
 * `DSSScenario.run_and_wait`:
 *
 * 1. `POST /projects/{projectKey}/scenarios/{scenarioId}/run` with `params`
 *    (handed to the scenario as trigger parameters) answers a trigger fire;
 * 2. `GET .../get-run-for-trigger?triggerId=…&triggerRunId=…` is polled until
 *    DSS has created the run; while it has not, the trigger fire is looked up
 *    again (`GET .../scenarios/trigger/{scenarioId}/{triggerId}`), and a fire DSS
 *    has dropped ends the wait with a CANCELLED {@link DssScenarioRunError};
 * 3. `GET .../scenarios/{scenarioId}/{runId}/` is polled until the run has a `result`.
 *
 * Polls use the official backoff (200 ms, times 1.1, at most 15 s) unless
 * `backoff` says otherwise. Returns the finished run with its step runs.
 * A FAILED or ABORTED outcome rejects with {@link DssScenarioRunError} unless
 * `throwOnFailure: false`; WARNING counts as finished unless `failOnWarning`.
 * `signal` stops the waiting (rejecting with `signal.reason`); with
 * `abortOnSignal: true` the scenario is aborted on DSS too.
 */
export async function runScenarioAndWait(
  client: DssClient,
  projectKey: string,
  scenarioId: string,
  params: ScenarioTriggerParams = {},
  options: RunScenarioAndWaitOptions = {},
): Promise<ScenarioRunDetails> {
  const request = () => requestOptions(client, options);
  let fired = false;
  const stop = () => (fired ? abortScenario(projectKey, scenarioId, { ...options.request, client }) : Promise.resolve());

  return withAbort(
    options,
    async () => {
      const triggerFire = await runScenario(projectKey, scenarioId, params, request());
      fired = true;
      options.onTriggerFire?.(triggerFire);
      if (triggerFire.cancelled === true) throw new DssScenarioRunError({ projectKey, scenarioId, outcome: "CANCELLED", triggerFire });

      const fireQuery = { triggerId: triggerFire.trigger.id, triggerRunId: triggerFire.runId };
      const lookup = await pollUntil(
        async () => {
          const found = await getScenarioRunForTrigger(projectKey, scenarioId, fireQuery, request());
          if (found.scenarioRun?.runId === undefined) {
            // No run yet: DSS may have dropped the fire (another one superseded it), and then no run ever comes.
            const current = await getScenarioTriggerFire(
              projectKey,
              scenarioId,
              fireQuery.triggerId,
              { triggerRunId: fireQuery.triggerRunId },
              request(),
            );
            if (current.cancelled === true)
              throw new DssScenarioRunError({ projectKey, scenarioId, outcome: "CANCELLED", triggerFire: current });
          }
          return found;
        },
        (found) => found.scenarioRun?.runId !== undefined,
        options,
      );
      const runId = (lookup.scenarioRun as ScenarioRun).runId;
      const details = await pollUntil(
        () => getScenarioRun(projectKey, scenarioId, runId, request()),
        (current) => isFinished(current.scenarioRun),
        options,
        (current) => options.onRun?.(current.scenarioRun),
      );

      const outcome = details.scenarioRun.result?.outcome ?? "FAILED";
      const failed = outcome === "FAILED" || outcome === "ABORTED" || (outcome === "WARNING" && options.failOnWarning === true);
      if (failed && options.throwOnFailure !== false) {
        throw new DssScenarioRunError({ projectKey, scenarioId, outcome, triggerFire, run: details });
      }
      return details;
    },
    stop,
  );
}
