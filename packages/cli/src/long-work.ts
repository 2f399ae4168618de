// Operations that start or follow long work, and how the command line waits
// for them with the clients' own waiters: DSS long tasks ("futures"), jobs and
// scenario runs, a Data Manager task, IceProd's log-deletion progress stream.
// `--wait` asks for it where the operation only starts the work; an answer
// that is itself a progress stream is always followed.
import type { ServiceClient } from "@sciclients/core";
import type { TaskGetResponse } from "@sciclients/data-manager-client";
import {
  backoffDelays,
  type DssClient,
  type FutureStart,
  type FutureState,
  type JobDefinition,
  type JobStatus,
  type MacroRunRequest,
  type MacroState,
  runJobAndWait,
  runMacroAndWait,
  runScenarioAndWait,
  type ScenarioTriggerParams,
  sleepFor,
  type TrainingSessionRequest,
  trainMlTaskAndWait,
  waitForFuture,
} from "@sciclients/dss-client";
import { deleteDatasetLogsWithProgress, type IceprodClient, type LogDeletionProgress } from "@sciclients/iceprod-client";
import type { OperationEntry } from "./catalogue-types.js";
import { Interrupted } from "./interrupt.js";
import type { Progress } from "./progress.js";

/** What a waiter is given: the operation's request as the flags made it, and where to report. */
export interface WaitInput {
  client: ServiceClient;
  /** Path parameter values by their spec name. */
  path: Record<string, unknown>;
  /** The request body as built from --body and the field flags. */
  body: unknown;
  /** Sends the operation itself and gives its answer. */
  send(): Promise<unknown>;
  /** A progress display labelled with what is being waited for. */
  progress(label: string): Progress;
  /** Ctrl-C. */
  signal: AbortSignal;
}

export interface LongWork {
  /** The help of --wait; absent when the answer is itself a progress stream, which is always followed. */
  waitHelp?: string;
  /** Runs (or follows) the work and gives what to print. */
  run(input: WaitInput): Promise<unknown>;
}

/** Runs `work`; stopped by Ctrl-C it throws {@link Interrupted} saying what `leftRunning` names. */
async function interruptible<T>(signal: AbortSignal, leftRunning: () => string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (signal.aborted) throw new Interrupted(leftRunning());
    throw error;
  }
}

/** The first DSS progress state that counts something (`cur` of `target`). */
function futureAmount(state: FutureState): { status: string; amount?: { done: number; total: number } } {
  const states = state.progress?.states ?? [];
  const counted = states.find((s) => typeof s.target === "number" && s.target > 0 && typeof s.cur === "number");
  const named = counted ?? states[0];
  const status = named?.name ?? (state.hasResult ? "done" : "running");
  return counted ? { status, amount: { done: counted.cur as number, total: counted.target as number } } : { status };
}

async function followFuture(input: WaitInput, future: string | FutureStart): Promise<unknown> {
  const jobId = typeof future === "string" ? future : future.jobId;
  const progress = input.progress(`dss long task ${jobId}`);
  progress.update("waiting");
  try {
    return await interruptible(
      input.signal,
      () => `DSS long task ${jobId} is still running; abort it with: sciclients dss abort-future --job-id ${jobId}`,
      () =>
        waitForFuture(input.client as DssClient, future, {
          signal: input.signal,
          onProgress: (_progress, state) => {
            const { status, amount } = futureAmount(state);
            progress.update(status, amount);
          },
        }),
    );
  } finally {
    progress.stop();
  }
}

/** An operation answering a FutureStart: send it, then wait for the long task it started. */
const dssFutureStart: LongWork = {
  waitHelp: "wait for the long task it starts (showing its progress) and print its result",
  async run(input) {
    const start = await interruptible(
      input.signal,
      () => "the request was cancelled before DSS answered; a long task may have started (see: sciclients dss list-futures)",
      () => input.send(),
    );
    const future = start as FutureStart | null;
    const finished = future?.hasResult === true && "result" in future;
    if (!finished && (typeof future?.jobId !== "string" || future.jobId === "")) {
      throw new Error(`DSS answered without a long task id to wait for: ${JSON.stringify(start)?.slice(0, 200)}`);
    }
    return followFuture(input, future as FutureStart);
  },
};

/** GET /futures/{jobId} --wait: follow a long task started earlier. */
const dssFuture: LongWork = {
  waitHelp: "wait until the long task ends (showing its progress) and print its result",
  run: (input) => followFuture(input, String(input.path.jobId)),
};

/** Activities done of all, from a job's globalState (`done`, `total`) when DSS reports them. */
function jobAmount(status: JobStatus): { done: number; total: number } | undefined {
  const global = status.globalState as Record<string, unknown> | undefined;
  return typeof global?.done === "number" && typeof global.total === "number" ? { done: global.done, total: global.total } : undefined;
}

const dssJob: LongWork = {
  waitHelp: "wait until the job is DONE, FAILED or ABORTED (showing its progress); exit 1 unless DONE",
  async run(input) {
    const projectKey = String(input.path.projectKey);
    let jobId: string | undefined;
    let progress: Progress | undefined;
    try {
      return await interruptible(
        input.signal,
        () =>
          jobId
            ? `DSS job ${jobId} in project ${projectKey} is still running; abort it with: sciclients dss abort-job --project-key ${projectKey} --job-id ${jobId}`
            : `the request was cancelled before DSS answered; the job may have started (see: sciclients dss list-jobs --project-key ${projectKey})`,
        () =>
          runJobAndWait(input.client as DssClient, projectKey, input.body as JobDefinition, {
            signal: input.signal,
            onStart: (id) => {
              jobId = id;
              progress = input.progress(`dss job ${id}`);
              progress.update("started");
            },
            onStatus: (status) => progress?.update(status.baseStatus.state, jobAmount(status)),
          }),
      );
    } finally {
      progress?.stop();
    }
  },
};

const dssScenario: LongWork = {
  waitHelp: "wait until the run it starts has a result (showing its progress); exit 1 if it FAILED or was ABORTED",
  async run(input) {
    const projectKey = String(input.path.projectKey);
    const scenarioId = String(input.path.scenarioId);
    const progress = input.progress(`dss scenario ${scenarioId}`);
    let fired = false;
    try {
      return await interruptible(
        input.signal,
        () =>
          fired
            ? `DSS scenario ${scenarioId} in project ${projectKey} is still running; abort it with: sciclients dss abort-scenario --project-key ${projectKey} --scenario-id ${scenarioId}`
            : `the request was cancelled before DSS answered; the scenario may have started (see: sciclients dss get-scenario-status --project-key ${projectKey} --scenario-id ${scenarioId})`,
        () =>
          runScenarioAndWait(input.client as DssClient, projectKey, scenarioId, (input.body ?? {}) as ScenarioTriggerParams, {
            signal: input.signal,
            onTriggerFire: (fire) => {
              fired = true;
              progress.update(`triggered (run ${fire.runId})`);
            },
            onRun: (run) => progress.update(run.result?.outcome ? String(run.result.outcome) : `running (run ${run.runId})`),
          }),
      );
    } finally {
      progress.stop();
    }
  },
};

const dssMacro: LongWork = {
  waitHelp: "run the macro without waiting on DSS, follow its progress, and print its result (the bytes as DSS sent them)",
  async run(input) {
    const projectKey = String(input.path.projectKey);
    const runnableType = String(input.path.runnableType);
    const request = (input.body ?? {}) as Partial<MacroRunRequest>;
    let runId: string | undefined;
    let progress: Progress | undefined;
    try {
      return await interruptible(
        input.signal,
        () =>
          runId
            ? `DSS macro ${runnableType} (run ${runId}) in project ${projectKey} is still running; abort it with: sciclients dss abort-macro --project-key ${projectKey} --runnable-type ${runnableType} --run-id ${runId}`
            : `the request was cancelled before DSS answered; the macro may have started (see: sciclients dss list-futures)`,
        () =>
          runMacroAndWait(input.client as DssClient, projectKey, runnableType, {
            signal: input.signal,
            ...(request.params ? { params: request.params } : {}),
            ...(request.adminParams ? { adminParams: request.adminParams } : {}),
            onStart: (id) => {
              runId = id;
              progress = input.progress(`dss macro ${runnableType} run ${id}`);
              progress.update("started");
            },
            onState: (state: MacroState) => {
              const { status, amount } = futureAmount({ ...state, hasResult: state.running === false } as FutureState);
              progress?.update(state.running === false ? "done" : status, amount);
            },
          }),
      );
    } finally {
      progress?.stop();
    }
  },
};

const dssMlTraining: LongWork = {
  waitHelp: "wait until DSS has guessed the task's settings, train, and wait until the session's models are trained; print their ids",
  async run(input) {
    const [projectKey, analysisId, mlTaskId] = ["projectKey", "analysisId", "mlTaskId"].map((name) => String(input.path[name]));
    const progress = input.progress(`dss ml task ${mlTaskId}`);
    let sessionId: string | undefined;
    try {
      return await interruptible(
        input.signal,
        () =>
          sessionId
            ? `DSS goes on training ML task ${mlTaskId} (session ${sessionId}) of analysis ${analysisId}; follow it with: sciclients dss get-ml-task-status --project-key ${projectKey} --analysis-id ${analysisId} --ml-task-id ${mlTaskId}`
            : `the training of ML task ${mlTaskId} may not have started (see: sciclients dss get-ml-task-status --project-key ${projectKey} --analysis-id ${analysisId} --ml-task-id ${mlTaskId})`,
        () =>
          trainMlTaskAndWait(input.client as DssClient, projectKey as string, analysisId as string, mlTaskId as string, {
            signal: input.signal,
            ...(input.body ? { session: input.body as TrainingSessionRequest } : {}),
            onStart: (id) => {
              sessionId = id;
              progress.update(`training (session ${id})`);
            },
            onStatus: (status) => {
              if (status.guessing) progress.update("guessing settings");
              else if (status.training) progress.update(`training${sessionId ? ` (session ${sessionId})` : ""}`);
              else if (sessionId) progress.update(`trained (${status.totalTrainedModels ?? 0} models)`);
            },
          }),
      );
    } finally {
      progress.stop();
    }
  },
};

/** GET /task/{id} --wait: polls the task (the DSS backoff: 200 ms growing to 15 s) until it is done. */
const dataManagerTask: LongWork = {
  waitHelp: "poll until the task is done (showing its latest state and event) and print it; exit 1 if it failed",
  async run(input) {
    const taskId = String(input.path.task_id);
    const progress = input.progress(`data-manager task ${taskId}`);
    const delays = backoffDelays();
    try {
      return await interruptible(
        input.signal,
        () =>
          `Data Manager task ${taskId} goes on running on the server; follow it with: sciclients data-manager get-task --task-id ${taskId} --wait`,
        async () => {
          for (;;) {
            const task = (await input.send()) as TaskGetResponse;
            const state = task.states?.at(-1)?.state ?? (task.done ? "done" : "running");
            const event = task.events?.at(0)?.message;
            progress.update(event ? `${state}: ${event}` : state);
            if (task.done) {
              if (task.exit_code !== undefined && task.exit_code !== 0) {
                throw new Error(`Data Manager task ${taskId} ended with exit code ${task.exit_code}${event ? `: ${event}` : ""}`);
              }
              return task;
            }
            await sleepFor(delays.next().value, input.signal);
          }
        },
      );
    } finally {
      progress.stop();
    }
  },
};

/** DELETE /datasets/{id}/logs answers a stream of progress documents: shown as they come, the last one printed. */
const iceprodLogDeletion: LongWork = {
  async run(input) {
    const datasetId = String(input.path.dataset_id);
    const progress = input.progress(`iceprod log deletion of dataset ${datasetId}`);
    let last: LogDeletionProgress | undefined;
    try {
      return await interruptible(
        input.signal,
        () =>
          `stopped reading IceProd's progress at ${last ? `${last.percent_complete}%` : "the start"}; the server may go on deleting the logs of dataset ${datasetId}`,
        async () => {
          for await (const document of deleteDatasetLogsWithProgress(input.client as IceprodClient, datasetId, { signal: input.signal })) {
            last = document;
            progress.update(document.status, { done: document.percent_complete, total: 100 });
          }
          return last;
        },
      );
    } finally {
      progress.stop();
    }
  },
};

/** The long work of an operation, if it starts or follows some. */
export function longWorkFor(service: string, operation: OperationEntry): LongWork | undefined {
  if (service === "dss") {
    if (operation.id === "startJob") return dssJob;
    if (operation.id === "runScenario") return dssScenario;
    if (operation.id === "getFuture") return dssFuture;
    if (operation.id === "runMacro") return dssMacro;
    if (operation.id === "startTrain") return dssMlTraining;
    if (operation.answerSchema === "FutureStart") return dssFutureStart;
  }
  if (service === "data-manager" && operation.id === "getTask") return dataManagerTask;
  if (service === "iceprod" && operation.id === "deleteDatasetLogs") return iceprodLogDeletion;
  return undefined;
}
