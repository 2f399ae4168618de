// Every Account Server operation, called through its generated function against
// MSW: method, path (with percent-encoded parameters), query, body encoding
// (JSON, form-urlencoded, multipart with file names and bytes) and result.
// Once through the tag entries (with the hooks), once through ./functions.
import path from "node:path";
import { createAccountServerClient } from "@sciclients/account-server-client";
import { describeEveryOperation, loadSpec } from "@sciclients/test-utils";

const baseURL = "https://as.test/account-server-api";

describeEveryOperation({
  service: "Account Server",
  doc: loadSpec(path.join(import.meta.dirname, "../../../specs/account-server.yaml")),
  // The same operations are exported twice: with the hooks (per tag) and as plain functions.
  entries: {
    "tag entries with hooks": import.meta.glob(["../src/generated/endpoints/*/*.ts", "!**/*.msw.ts"], { eager: true }),
    "./functions entry": import.meta.glob("../src/generated/functions/*/*.ts", { eager: true }),
  },
  baseURL,
  requestOptions: { client: createAccountServerClient({ baseURL }) },
  operationCount: 54,
});
