import type { DataManagerClient } from "./client.js";
import { createInstance } from "./generated/functions/instance/instance.js";
import type { InstancePostResponse } from "./generated/model/index.js";

/** The application every Data Manager Job runs under. */
export const JOBS_APPLICATION_ID = "datamanagerjobs.squonk.it";

/** Which Job to run: its collection, name and version, plus its variables. */
export interface JobSpecification {
  collection: string;
  job: string;
  version: string;
  variables?: Record<string, unknown>;
}

export interface StartJobInstanceOptions {
  /** The Project the Job runs in. */
  projectId: string;
  /** A name for the Instance. */
  name: string;
  specification: JobSpecification;
  /** Extra fields of the instance request (callback URL and context, debug). */
  callbackUrl?: string;
  callbackContext?: string;
  signal?: AbortSignal;
}

/**
 * Starts a Job in a Project, like the Squonk2 Python client's
 * `DmApi.start_job_instance`: an Instance of the Jobs application whose
 * specification names the Job. Resolves to the new Instance and Task ids.
 */
export function startJobInstance(client: DataManagerClient, options: StartJobInstanceOptions): Promise<InstancePostResponse> {
  return createInstance(
    {
      application_id: JOBS_APPLICATION_ID,
      project_id: options.projectId,
      as_name: options.name,
      specification: JSON.stringify(options.specification),
      ...(options.callbackUrl === undefined ? {} : { callback_url: options.callbackUrl }),
      ...(options.callbackContext === undefined ? {} : { callback_context: options.callbackContext }),
    },
    { client, ...(options.signal ? { signal: options.signal } : {}) },
  );
}
