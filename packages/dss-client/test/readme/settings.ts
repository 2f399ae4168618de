import { createDssClient, listProjectKeys } from "@sciclients/dss-client";
import { resolveDssSettings } from "@sciclients/dss-client/node";

// DSS_HOST and DSS_API_KEY from the environment or <config dir>/sciclients/config.json;
// DSS_VERIFY_SSL=false gives an httpsAgent that accepts a self-signed test server.
const { baseURL, auth, httpsAgent } = resolveDssSettings();
const dss = createDssClient({ baseURL, auth, axios: { httpsAgent } });
console.log(await listProjectKeys(dss));
