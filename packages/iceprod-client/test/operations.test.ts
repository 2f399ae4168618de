// Every IceProd REST API operation, called through its generated function against
// MSW: method, path (with percent-encoded parameters), query, body and result.
// Once through the tag entries (with the hooks), once through ./functions.
import path from "node:path";
import { createIceprodClient } from "@sciclients/iceprod-client";
import { describeEveryOperation, loadSpec } from "@sciclients/test-utils";

const baseURL = "https://iceprod.test/api";

describeEveryOperation({
  service: "IceProd REST API",
  doc: loadSpec(path.join(import.meta.dirname, "../../../specs/iceprod.yaml")),
  // IceProd's 81 routes and its health probe.
  operationCount: 82,
  // The same operations are exported twice: with the hooks (per tag) and as plain functions.
  entries: {
    "tag entries with hooks": import.meta.glob(["../src/generated/endpoints/*/*.ts", "!**/*.msw.ts"], { eager: true }),
    "./functions entry": import.meta.glob("../src/generated/functions/*/*.ts", { eager: true }),
  },
  baseURL,
  requestOptions: { client: createIceprodClient({ baseURL }) },
});
