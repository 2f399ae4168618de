// The package's generated MSW handlers answer each operation with its own
// handler: every Account Server operation against all of them, unbound (any base URL, as
// before) and bound to the client's base URL (getAllMockHandlers({ baseURL })).
import path from "node:path";
import { createAccountServerClient } from "@sciclients/account-server-client";
import * as functions from "@sciclients/account-server-client/functions";
import { getAllMockHandlers } from "@sciclients/account-server-client/mocks";
import { describeOwnMockHandlers, loadSpec } from "@sciclients/test-utils";

const baseURL = "https://account-server.test/api";

describeOwnMockHandlers({
  service: "Account Server",
  doc: loadSpec(path.join(import.meta.dirname, "../../../specs/account-server.yaml")),
  functions: { functions },
  baseURL,
  requestOptions: { client: createAccountServerClient({ baseURL }) },
  handlers: getAllMockHandlers,
});
