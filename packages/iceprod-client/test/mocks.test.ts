// The package's generated MSW handlers answer each operation with its own
// handler: every IceProd operation against all of them, unbound (any base URL, as
// before) and bound to the client's base URL (getAllMockHandlers({ baseURL })).
import path from "node:path";
import { createIceprodClient } from "@sciclients/iceprod-client";
import * as functions from "@sciclients/iceprod-client/functions";
import { getAllMockHandlers } from "@sciclients/iceprod-client/mocks";
import { describeOwnMockHandlers, loadSpec } from "@sciclients/test-utils";

const baseURL = "https://iceprod.test/api";

describeOwnMockHandlers({
  service: "IceProd",
  doc: loadSpec(path.join(import.meta.dirname, "../../../specs/iceprod.yaml")),
  functions: { functions },
  baseURL,
  requestOptions: { client: createIceprodClient({ baseURL }) },
  handlers: getAllMockHandlers,
});
