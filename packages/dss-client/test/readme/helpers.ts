import { openAsBlob } from "node:fs";
import { writeFile } from "node:fs/promises";
import {
  type DssClient,
  exportProjectArchive,
  importProjectArchive,
  isApiError,
  isDssMacroError,
  listManagedFolderFiles,
  putManagedFolderFile,
  runMacroAndWait,
  streamManagedFolderFile,
  streamSqlQuery,
  trainMlTaskAndWait,
} from "@sciclients/dss-client";

export async function helpers(dss: DssClient, staging: DssClient) {
  // Managed folders: list, upload (a file on disk is streamed from it), download as a stream.
  for (const file of await listManagedFolderFiles(dss, "CHURN", "Xk3pQ9aZ", { under: "reports" })) console.log(file.path, file.size);
  await putManagedFolderFile(dss, "CHURN", "Xk3pQ9aZ", "inputs/prices.csv", await openAsBlob("prices.csv"));
  try {
    const stream = await streamManagedFolderFile(dss, "CHURN", "Xk3pQ9aZ", "reports/may.html");
    await writeFile("may.html", stream); // written as the bytes arrive
  } catch (error) {
    if (isApiError(error) && error.status === 404) console.log("no report for May yet");
    else throw error;
  }

  // SQL: rows typed from the result's schema (numbers, booleans, null for empty cells).
  const sql = { query: "SELECT customer_id, tenure_days FROM customers WHERE churned", connection: "postgres_dwh" };
  for await (const row of streamSqlQuery<{ customer_id: string; tenure_days: number | null }>(dss, sql)) {
    console.log(row.customer_id, row.tenure_days);
  }

  // A project from this node to another: the archive streams from one to the other.
  const archive = await exportProjectArchive(dss, "CHURN", { include: { exportUploads: true, exportSavedModels: true } });
  const imported = await importProjectArchive(staging, await new Response(archive).blob(), {
    settings: { targetProjectKey: "CHURN_STAGING" },
    onProgress: (stage, p) => console.log(stage, p ? `${p.loaded}/${p.total ?? "?"} bytes` : ""),
  });
  console.log(imported.projectKey);

  // Macros and ML training wait with the official backoff, like jobs and scenarios.
  try {
    const table = await runMacroAndWait(dss, "CHURN", "pyrunnable_builtin-macros_list-datasets-using-connection", {
      params: { connection: "postgres_dwh" },
      as: "json",
    });
    console.log(table);
  } catch (error) {
    if (!isDssMacroError(error)) throw error;
    console.error(error.message); // DSS macro … (run …) in project CHURN failed: <DSS's message>
  }
  const modelIds = await trainMlTaskAndWait(dss, "CHURN", "A7Gk2pQs", "m4Rt9LkZ", { session: { sessionName: "Weekly retrain" } });
  console.log(`trained ${modelIds.length} models`);
}
