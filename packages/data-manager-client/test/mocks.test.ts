// The package's generated MSW handlers answer each operation with its own
// handler: every Data Manager operation against all of them, unbound (any base URL,
// as before) and bound to the client's base URL. The Data Manager and Account
// Server share routes (`/user/account`, `/version`, …): bound to their own base
// URLs and registered together, each service's operations reach its own handlers.
import path from "node:path";
import { createAccountServerClient } from "@sciclients/account-server-client";
import * as accountServerFunctions from "@sciclients/account-server-client/functions";
import { getAllMockHandlers as getAccountServerMockHandlers } from "@sciclients/account-server-client/mocks";
import { createDataManagerClient } from "@sciclients/data-manager-client";
import * as dataManagerFunctions from "@sciclients/data-manager-client/functions";
import { getAllMockHandlers } from "@sciclients/data-manager-client/mocks";
import { describeOwnMockHandlers, loadSpec } from "@sciclients/test-utils";

const specs = path.join(import.meta.dirname, "../../../specs");
const DM = "https://squonk.test/data-manager-api";
const AS = "https://squonk.test/account-server-api";

describeOwnMockHandlers({
  service: "Data Manager",
  doc: loadSpec(path.join(specs, "data-manager.yaml")),
  functions: { dataManagerFunctions },
  baseURL: DM,
  requestOptions: { client: createDataManagerClient({ baseURL: DM }) },
  handlers: getAllMockHandlers,
  alongside: () => getAccountServerMockHandlers({ baseURL: AS }),
});

describeOwnMockHandlers({
  service: "Account Server",
  doc: loadSpec(path.join(specs, "account-server.yaml")),
  functions: { accountServerFunctions },
  baseURL: AS,
  requestOptions: { client: createAccountServerClient({ baseURL: AS }) },
  handlers: getAccountServerMockHandlers,
  alongside: () => getAllMockHandlers({ baseURL: DM }),
});
