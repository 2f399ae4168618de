import { dssApiKey } from "@sciclients/auth";
import { createDssClient, listProjectKeys } from "@sciclients/dss-client";

// dataikuapi.DSSClient(host, apiKey): the base URL is the DSS host followed by /public/api.
const host = "http://localhost:11200";
const client = createDssClient({ baseURL: `${host}/public/api`, auth: dssApiKey(process.env.DSS_API_KEY ?? "some_key") });

// For example, list the project keys for which the API key has access
console.log(await listProjectKeys(client));
