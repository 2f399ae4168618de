// Every dserver (dtool lookup server) API operation, called through its generated function against
// MSW: method, path (with percent-encoded parameters), query, body and result.
// Once through the tag entries (with the hooks), once through ./functions.
import path from "node:path";
import { createDserverClient } from "@sciclients/dserver-client";
import { describeEveryOperation, loadSpec } from "@sciclients/test-utils";

const baseURL = "https://dserver.test/api";

describeEveryOperation({
  service: "dserver (dtool lookup server) API",
  doc: loadSpec(path.join(import.meta.dirname, "../../../specs/dserver.yaml")),
  // The same operations are exported twice: with the hooks (per tag) and as plain functions.
  entries: {
    "tag entries with hooks": import.meta.glob(["../src/generated/endpoints/*/*.ts", "!**/*.msw.ts"], { eager: true }),
    "./functions entry": import.meta.glob("../src/generated/functions/*/*.ts", { eager: true }),
  },
  baseURL,
  requestOptions: { client: createDserverClient({ baseURL }) },
});
