import { type DssClient, streamDatasetRows } from "@sciclients/dss-client";

export async function norwegianCustomers(dss: DssClient): Promise<string[]> {
  const ids: string[] = [];
  for await (const row of streamDatasetRows(dss, "SALES", "customers", { partitions: ["2024-05-01"] })) {
    // Every value is text as DSS wrote it; convert with the schema's types where needed.
    if (row.country === "NO" && row.customer_id) ids.push(row.customer_id);
    if (ids.length === 100) break; // leaving early closes the read on DSS too
  }
  return ids;
}
