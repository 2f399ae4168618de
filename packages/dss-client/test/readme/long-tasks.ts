import { type DssClient, runScenarioAndWait, waitForFuture } from "@sciclients/dss-client";
import { copyDataset } from "@sciclients/dss-client/functions";

export async function copyOrders(dss: DssClient, signal: AbortSignal) {
  // Actions that take a while answer { jobId }: a long task ("future") to wait for.
  const task = await copyDataset("SALES", "orders", { targetProjectKey: "ARCHIVE", targetDatasetName: "orders_2024" }, { client: dss });
  return waitForFuture(dss, task, {
    signal,
    onProgress: (progress) => {
      const step = progress.states?.[0];
      if (step) console.log(`${step.name}: ${step.cur ?? 0}/${step.target ?? "?"} ${step.unit ?? ""}`);
    },
  });
}

export async function nightly(dss: DssClient) {
  // Keys of the third argument reach the scenario as trigger parameters.
  const done = await runScenarioAndWait(dss, "SALES", "NIGHTLY", { region: "EMEA" }, { throwOnFailure: false });
  console.log(done.scenarioRun.result?.outcome, `${done.stepRuns?.length ?? 0} steps`);
}
