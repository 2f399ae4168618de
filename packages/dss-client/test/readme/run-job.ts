import { dssApiKey } from "@sciclients/auth";
import { createDssClient, isDssJobError, runJobAndWait } from "@sciclients/dss-client";
import { getJobLog } from "@sciclients/dss-client/functions";

const dss = createDssClient({ baseURL: "https://dss.example.org/public/api", auth: dssApiKey(process.env.DSS_API_KEY ?? "") });

try {
  const status = await runJobAndWait(
    dss,
    "SALES",
    { type: "RECURSIVE_BUILD", outputs: [{ type: "DATASET", id: "orders_prepared" }] },
    {
      onStart: (jobId) => console.log(`job ${jobId} started`),
      onStatus: (s) => console.log(s.baseStatus.state),
      signal: AbortSignal.timeout(60 * 60 * 1000), // stop waiting after an hour…
      abortOnSignal: true, // …and abort the job on DSS then
    },
  );
  const { jobStartTime = 0, jobEndTime = 0 } = status.baseStatus;
  console.log(`orders_prepared built in ${(jobEndTime - jobStartTime) / 1000} s`);
} catch (error) {
  if (!isDssJobError(error)) throw error;
  console.error(error.message); // DSS job <id> in project SALES ended FAILED: <first failed activity>
  console.error(await getJobLog("SALES", error.jobId, undefined, { client: dss }));
}
