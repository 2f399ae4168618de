// The package's generated MSW handlers answer each operation with its own
// handler: every Dataiku DSS operation against all of them, unbound (any base URL, as
// before) and bound to the client's base URL (getAllMockHandlers({ baseURL })).
import path from "node:path";
import { createDssClient } from "@sciclients/dss-client";
import * as functions from "@sciclients/dss-client/functions";
import { getAllMockHandlers } from "@sciclients/dss-client/mocks";
import { describeOwnMockHandlers, loadSpec } from "@sciclients/test-utils";

const baseURL = "https://dss.test/api";

describeOwnMockHandlers({
  service: "Dataiku DSS",
  doc: loadSpec(path.join(import.meta.dirname, "../../../specs/dss.yaml")),
  functions: { functions },
  baseURL,
  requestOptions: { client: createDssClient({ baseURL }) },
  handlers: getAllMockHandlers,
});
