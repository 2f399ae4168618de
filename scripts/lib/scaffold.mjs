// The hand-written files of a new client package, from its manifest entry.
// `pnpm new-client` writes them once; after that they are the package's own.

const pascal = (name) => name.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());

export function scaffoldFiles(service, versions) {
  const Name = pascal(service.name);
  const factory = `create${Name}Client`;
  const files = {};

  files["package.json"] = `${JSON.stringify(
    {
      name: service.package,
      version: "0.1.0",
      description: `Typed client and React Query hooks for the ${service.title}`,
      license: "MIT",
      type: "module",
      sideEffects: false,
      main: "./dist/index.cjs",
      module: "./dist/index.js",
      types: "./dist/index.d.cts",
      exports: {},
      files: ["dist", "src"],
      engines: { node: ">=20.19.0" },
      scripts: {
        generate: `node ../../scripts/generate.mjs ${service.name}`,
        build: "tsup",
        typecheck: "tsc --noEmit -p tsconfig.json",
        test: "vitest run",
        "check:package": "publint && attw --pack . --profile node16",
      },
      dependencies: { "@sciclients/core": "workspace:*" },
      peerDependencies: { "@faker-js/faker": "^10.0.0", "@tanstack/react-query": "^5.0.0", axios: "^1.7.0", msw: "^2.0.0", react: ">=18" },
      // Only ./mocks needs msw and faker; only the hooks need React Query and React.
      peerDependenciesMeta: {
        "@faker-js/faker": { optional: true },
        "@tanstack/react-query": { optional: true },
        msw: { optional: true },
        react: { optional: true },
      },
      devDependencies: {
        "@faker-js/faker": versions.faker,
        "@sciclients/auth": "workspace:*",
        "@sciclients/test-utils": "workspace:*",
        "@tanstack/react-query": versions.reactQuery,
        "@testing-library/dom": versions.testingLibraryDom,
        "@testing-library/react": versions.testingLibraryReact,
        "@types/react": versions.typesReact,
        axios: versions.axios,
        jsdom: versions.jsdom,
        msw: versions.msw,
        react: versions.react,
        "react-dom": versions.react,
        tsup: versions.tsup,
        vitest: versions.vitest,
      },
    },
    null,
    2,
  )}\n`;

  files["tsconfig.json"] = `{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "types": ["node", "vite/client"] },
  "include": ["src", "test", "*.ts"]
}
`;

  files["tsup.config.ts"] = `import { defineConfig } from "tsup";
import { clientBuild } from "../../tsup.client.ts";

export default defineConfig(clientBuild(import.meta.dirname));
`;

  files["vitest.config.ts"] = `import { defineConfig } from "vitest/config";
import { workspaceTestConfig } from "../../vitest.shared.ts";

export default defineConfig(workspaceTestConfig());
`;

  files["turbo.json"] = `${JSON.stringify(
    {
      $schema: "https://turborepo.com/schema.json",
      extends: ["//"],
      tasks: {
        generate: {
          inputs: [
            `$TURBO_ROOT$/${service.spec}`,
            "$TURBO_ROOT$/specs/services.yaml",
            "$TURBO_ROOT$/scripts/generate.mjs",
            "$TURBO_ROOT$/scripts/lib/**",
          ],
          outputs: ["src/generated/**"],
        },
      },
    },
    null,
    2,
  )}\n`;

  files["src/client.ts"] = `import { defineClientFactory, type ServiceClient, type ServiceClientOptions } from "@sciclients/core";

export type ${Name}ClientOptions = ServiceClientOptions;

/** A configured connection to one ${service.title} deployment: pass it as \`{ client }\` to any function, \`{ request: { client } }\` to any hook. */
export type ${Name}Client = ServiceClient & { readonly service: "${service.name}" };

/** Creates a ${service.title} client. Several can live side by side; nothing is kept at module level. */
export const ${factory}: (options: ${Name}ClientOptions) => ${Name}Client = defineClientFactory("${service.name}");
`;

  files["src/index.ts"] = `// ${service.package}: the client factory, errors and every model type.
// Request functions and hooks are exported per tag: "${service.package}/<tag>".
export type { ApiErrorInit, BinaryBody, FileSource, RequestOptions } from "@sciclients/core";
export { ApiError, fileFrom, isApiError, MissingClientError } from "@sciclients/core";
export type { ${Name}Client, ${Name}ClientOptions } from "./client.js";
export { ${factory} } from "./client.js";
export * from "./generated/model/index.js";
`;

  files["src/mocks.ts"] = `// MSW handlers that answer every ${service.title} operation with faker data, for
// tests and demos. Production code never imports this entry.
export * from "./generated/mocks.js";
`;

  files["src/schema.ts"] = `// Raw \`paths\`, \`components\` and \`operations\` types of the ${service.title} spec
// (openapi-typescript output), for code that wants the OpenAPI shapes themselves.
export type * from "./generated/schema.js";
`;

  files["test/operations.test.ts"] = `// Every ${service.title} operation, called through its generated function against
// MSW: method, path (with percent-encoded parameters), query, body and result.
import path from "node:path";
import { ${factory} } from "${service.package}";
import { type AnyFunction, exerciseOperation, listOperations, loadSpec } from "@sciclients/test-utils";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const doc = loadSpec(path.join(import.meta.dirname, "../../../${service.spec}"));
const operations = listOperations(doc);
// The same operations are exported twice: with the hooks (per tag) and as plain functions (./functions).
const withHooks = import.meta.glob<Record<string, AnyFunction>>(["../src/generated/endpoints/*/*.ts", "!**/*.msw.ts"], { eager: true });
const plain = import.meta.glob<Record<string, AnyFunction>>("../src/generated/functions/*/*.ts", { eager: true });
const entries = {
  "tag entries with hooks": new Map(Object.values(withHooks).flatMap((m) => Object.entries(m))),
  "./functions entry": new Map(Object.values(plain).flatMap((m) => Object.entries(m))),
};

const baseURL = "https://${service.name}.test/api";
const client = ${factory}({ baseURL });
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe.each(Object.entries(entries))("every ${service.title} operation, through the %s", (_, functions) => {
  const exercised = new Set<string>();
  it("the spec has operations", () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  for (const op of operations) {
    it(\`\${op.operationId}: \${op.method} \${op.path}\`, async () => {
      const fn = functions.get(op.operationId);
      expect(fn, \`generated function \${op.operationId}\`).toBeTypeOf("function");
      await exerciseOperation({ doc, op, fn: fn as AnyFunction, server, baseURL, requestOptions: { client } });
      exercised.add(op.operationId);
    });
  }

  it("no operation was left without a call", () => {
    const missing = operations.map((o) => o.operationId).filter((id) => !exercised.has(id));
    expect(missing).toEqual([]);
  });
});
`;
  return files;
}
