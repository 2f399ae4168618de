// The package's generated MSW handlers answer each operation with its own
// handler: every dserver operation against all of them, unbound (any base URL, as
// before) and bound to the client's base URL (getAllMockHandlers({ baseURL })).
import path from "node:path";
import { createDserverClient } from "@sciclients/dserver-client";
import * as functions from "@sciclients/dserver-client/functions";
import { getAllMockHandlers } from "@sciclients/dserver-client/mocks";
import { describeOwnMockHandlers, loadSpec } from "@sciclients/test-utils";

const baseURL = "https://dserver.test/api";

describeOwnMockHandlers({
  service: "dserver",
  doc: loadSpec(path.join(import.meta.dirname, "../../../specs/dserver.yaml")),
  functions: { functions },
  baseURL,
  requestOptions: { client: createDserverClient({ baseURL }) },
  handlers: getAllMockHandlers,
});
