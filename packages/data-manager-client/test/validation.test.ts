// Opt-in response validation against a real node:http server that answers a
// body the spec does not allow, in each mode, and what each entry loads: only
// ./validation reaches the validator code.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createDataManagerClient, isApiError } from "@sciclients/data-manager-client";
import { getProjects } from "@sciclients/data-manager-client/functions";
import { type ResponseShapeWarning, validators } from "@sciclients/data-manager-client/validation";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `count` is an integer and `projects` is required in the spec.
const DRIFTED = { count: "1", items: [] };
let server: Server;
let baseURL = "";

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(DRIFTED));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data-manager-api`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const EXPECTED_ISSUES = [
  { path: "$", expected: 'required property "projects"', received: "nothing" },
  { path: "$.count", expected: "type integer", received: 'string "1"' },
];

describe("validateResponses over HTTP", () => {
  it('"warn" returns the body as sent and reports each issue once', async () => {
    const warnings: ResponseShapeWarning[] = [];
    const client = createDataManagerClient({ baseURL, validateResponses: "warn", validators, onResponseWarning: (w) => warnings.push(w) });
    expect(await getProjects(undefined, { client })).toEqual(DRIFTED);
    expect(await getProjects(undefined, { client })).toEqual(DRIFTED);
    expect(warnings.map((w) => ({ operation: w.operation, ...w.issue }))).toEqual(
      expect.arrayContaining(EXPECTED_ISSUES.map((issue) => ({ operation: "getProjects", ...issue }))),
    );
    expect(warnings).toHaveLength(2);
    expect(warnings.map((w) => w.message)).toContain(
      'data-manager: getProjects answered 200 with a body that differs from the spec: at $.count expected type integer, received string "1"',
    );
  });

  it('"error" rejects with ApiError invalid_response_shape and its issues', async () => {
    const client = createDataManagerClient({ baseURL, validateResponses: "error", validators });
    const error = await getProjects(undefined, { client }).catch((e: unknown) => e);
    expect(isApiError(error) && error.code).toBe("invalid_response_shape");
    if (!isApiError(error)) return;
    expect(error.method).toBe("GET");
    expect(error.url).toBe(`${baseURL}/project`);
    expect((error.body as { issues: unknown[] }).issues).toEqual(expect.arrayContaining(EXPECTED_ISSUES));
    expect((error.body as { issues: unknown[] }).issues).toHaveLength(2);
  });

  it("is off by default", async () => {
    const client = createDataManagerClient({ baseURL });
    expect(await getProjects(undefined, { client })).toEqual(DRIFTED);
  });
});

describe("what loads the validator", () => {
  const pkg = path.join(import.meta.dirname, "..");
  const inputsOf = async (entry: string) => {
    const result = await build({
      entryPoints: [path.join(pkg, entry)],
      bundle: true,
      write: false,
      metafile: true,
      platform: "node",
      format: "esm",
      conditions: ["@sciclients/source"],
      logLevel: "silent",
    });
    return Object.keys(result.metafile.inputs);
  };
  const validatorCode = (file: string) => /core\/src\/validation\.ts|node_modules\/(\.pnpm\/)?ajv|response-schemas\.json/.test(file);

  it("the root, ./functions and tag entries do not; ./validation does", async () => {
    for (const entry of ["src/index.ts", "src/generated/functions.ts", "src/generated/endpoints/project/project.ts"]) {
      expect((await inputsOf(entry)).filter(validatorCode), entry).toEqual([]);
    }
    const validation = await inputsOf("src/generated/validation.ts");
    expect(validation.filter(validatorCode).length).toBeGreaterThanOrEqual(3);
  });
});
