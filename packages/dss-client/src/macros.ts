// Running a macro and waiting for its result, like the official client's
// DSSMacro.run(wait=False), get_status(run_id) until done, then get_result(run_id).
import { isApiError } from "@sciclients/core";
import type { DssClient } from "./client.js";
import { abortMacro, getMacroResult, getMacroState, runMacro } from "./generated/functions/macros/macros.js";
import type { MacroRunRequest, MacroState } from "./generated/model/index.js";
import { type DssWaitOptions, pollUntil, requestOptions, withAbort } from "./polling.js";

/** A macro run that ended without a result: DSS answered the result request with an error. */
export class DssMacroError extends Error {
  override readonly name = "DssMacroError";
  readonly projectKey: string;
  readonly runnableType: string;
  readonly runId: string;
  /** The last state DSS reported. */
  readonly state: MacroState | undefined;
  constructor(init: { projectKey: string; runnableType: string; runId: string; state?: MacroState; message: string; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.projectKey = init.projectKey;
    this.runnableType = init.runnableType;
    this.runId = init.runId;
    this.state = init.state;
  }
}

export function isDssMacroError(value: unknown): value is DssMacroError {
  return value instanceof DssMacroError;
}

/** How to hand the result back: its bytes, UTF-8 text, or parsed JSON (for RESULT_TABLE and JSON_OBJECT macros). */
export type MacroResultKind = "bytes" | "text" | "json";

export interface RunMacroAndWaitOptions<Kind extends MacroResultKind> extends DssWaitOptions {
  /** Values of the macro's parameters. */
  params?: MacroRunRequest["params"];
  /** Values of its administrator parameters (ignored unless the key is an administrator's). */
  adminParams?: MacroRunRequest["adminParams"];
  /** Form of the result (default `bytes`). */
  as?: Kind;
  /** Called with the run's identifier once DSS started it. */
  onStart?: (runId: string) => void;
  /** Called after every poll, with the run's state (`progress` while it runs). */
  onState?: (state: MacroState) => void;
}

type MacroResult<Kind extends MacroResultKind> = Kind extends "json" ? unknown : Kind extends "text" ? string : Uint8Array;

async function toBytes(body: Blob | Uint8Array): Promise<Uint8Array> {
  return body instanceof Uint8Array ? body : new Uint8Array(await body.arrayBuffer());
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/**
 * Runs a macro of a project and waits for its result. Starts the run without
 * waiting on the server (`runMacro` with `wait=false`), polls `getMacroState`
 * with the official backoff until the run no longer runs, then reads the
 * result with `getMacroResult` (which ends the run on DSS).
 *
 * - a macro that failed: DSS answers the result request with an error, and the
 *   call rejects with {@link DssMacroError} (the `ApiError` as `cause`, DSS's message in `message`);
 * - errors while starting or polling reject with the `ApiError` as is;
 * - `signal` stops the waiting; with `abortOnSignal: true` the run is aborted on DSS too.
 */
export async function runMacroAndWait<Kind extends MacroResultKind = "bytes">(
  client: DssClient,
  projectKey: string,
  runnableType: string,
  options: RunMacroAndWaitOptions<Kind> = {},
): Promise<MacroResult<Kind>> {
  const request = () => requestOptions(client, options);
  const { runId } = await runMacro(
    projectKey,
    runnableType,
    { params: options.params ?? {}, adminParams: options.adminParams ?? {} },
    { wait: false },
    request(),
  );
  options.onStart?.(runId);
  const stop = () => abortMacro(projectKey, runnableType, runId, { ...options.request, client });
  return withAbort(
    options,
    async () => {
      const last = await pollUntil(
        () => getMacroState(projectKey, runnableType, runId, request()),
        (state) => state.running !== true,
        options,
        options.onState,
      );
      let body: Blob | Uint8Array;
      try {
        body = await getMacroResult(projectKey, runnableType, runId, request());
      } catch (error) {
        if (isApiError(error) && error.status !== undefined) {
          const reason = text((error.body as Record<string, unknown> | undefined)?.message) ?? error.message;
          throw new DssMacroError({
            projectKey,
            runnableType,
            runId,
            state: last,
            message: `DSS macro ${runnableType} (run ${runId}) in project ${projectKey} failed: ${reason}`,
            cause: error,
          });
        }
        throw error;
      }
      const bytes = await toBytes(body);
      if (options.as === "text") return new TextDecoder().decode(bytes) as MacroResult<Kind>;
      if (options.as === "json") return JSON.parse(new TextDecoder().decode(bytes)) as MacroResult<Kind>;
      return bytes as MacroResult<Kind>;
    },
    stop,
  );
}
