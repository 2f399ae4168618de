// The hand-written files of a new client package, from its manifest entry.
// `pnpm new-client` writes them once; after that they are the package's own.
import type { Service } from "../types.ts";
import { GENERATOR_INPUT_GLOBS } from "../write/generator-files.ts";

/** The versions of the development dependencies a new package pins (new-client reads them from an existing client). */
export interface ToolVersions {
  faker: string;
  reactQuery: string;
  testingLibraryDom: string;
  testingLibraryReact: string;
  typesReact: string;
  axios: string;
  jsdom: string;
  msw: string;
  react: string;
  tsup: string;
  vitest: string;
}

/** What `pnpm new-client` asks for beyond the manifest entry. */
export interface ScaffoldOptions {
  /** A test calling every operation with exact checks of what goes over the wire. */
  operationsTest?: boolean;
  /** A very large API (over 500 operations), type-checked with TypeScript 7 (commands/typecheck.ts). */
  largeSpec?: boolean;
}

const pascal = (name: string) => name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/**
 * The files of a new package. `options.operationsTest` adds a test calling every
 * operation with exact checks of what goes over the wire (for tidy specs); every
 * package gets the smoke test: every operation against its MSW mocks, each
 * answered by its own handler.
 */
export function scaffoldFiles(service: Service, versions: ToolVersions, options: ScaffoldOptions = {}): Record<string, string> {
  const Name = pascal(service.name);
  const factory = `create${Name}Client`;
  const files: Record<string, string> = {};

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
      files: ["dist"],
      engines: { node: ">=20.19.0" },
      scripts: {
        generate: `node ../../scripts/generate.mjs ${service.name}`,
        build: "tsup",
        // A very large API is checked by TypeScript 7's binary, as new-client checks it
        // (TypeScript 5 needs a 12 GB heap for Kubernetes, and 85 s for GitHub).
        typecheck: options.largeSpec ? "node ../../scripts/typecheck.mjs" : "tsc --noEmit -p tsconfig.json",
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

  files["turbo.json"] = turboConfig(service);

  files["src/client.ts"] = `import { defineClientFactory, type ServiceClient, type ServiceClientOptions } from "@sciclients/core";

export type ${Name}ClientOptions = ServiceClientOptions;

/** A configured connection to one ${service.title} deployment: pass it as \`{ client }\` to any function; hooks take it from a \`SciclientsProvider\` (or \`{ request: { client } }\`). */
export type ${Name}Client = ServiceClient & { readonly service: "${service.name}" };

/** Creates a ${service.title} client. Several can live side by side; nothing is kept at module level. */
export const ${factory}: (options: ${Name}ClientOptions) => ${Name}Client = defineClientFactory("${service.name}");
`;

  files["src/index.ts"] = `// ${service.package}: the client factory, errors and every model type.
// Request functions and hooks are exported per tag: "${service.package}/<tag>".
export type { ApiErrorInit, BinaryBody, FileSource, RequestOptions } from "@sciclients/core";
export { ApiError, AuthError, fileFrom, isApiError, isAuthError, MissingClientError } from "@sciclients/core";
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

  files["test/smoke.test.ts"] = smokeTest(service, factory);
  if (options.operationsTest) files["test/operations.test.ts"] = operationsTest(service, factory);
  files["README.md"] = readme(service, Name, factory);
  return files;
}

function operationsTest(service: Service, factory: string): string {
  return `// Every ${service.title} operation, called through its generated function against
// MSW: method, path (with percent-encoded parameters), query, body and result.
// Once through the tag entries (with the hooks), once through ./functions.
import path from "node:path";
import { ${factory} } from "${service.package}";
import { describeEveryOperation, loadSpec } from "@sciclients/test-utils";

const baseURL = "https://${service.name}.test/api";

describeEveryOperation({
  service: ${JSON.stringify(service.title)},
  // The prepared document the code was generated from: the spec after the fixes
  // listed in src/generated/prepare-report.json (an undeclared path parameter, a form body…).
  doc: loadSpec(path.join(import.meta.dirname, "../src/generated/openapi.json")),
  // The same operations are exported twice: with the hooks (per tag) and as plain functions.
  entries: {
    "tag entries with hooks": import.meta.glob(["../src/generated/endpoints/*/*.ts", "!**/*.msw.ts"], { eager: true }),
    "./functions entry": import.meta.glob("../src/generated/functions/*/*.ts", { eager: true }),
  },
  baseURL,
  requestOptions: { client: ${factory}({ baseURL }) },
});
`;
}

function smokeTest(service: Service, factory: string): string {
  return `// Every ${service.title} operation, called through its plain function against the
// package's own MSW mock handlers (getAllMockHandlers), unbound and bound to the
// client's base URL: each request is answered by its operation's own handler.
import path from "node:path";
import { ${factory} } from "${service.package}";
import { getAllMockHandlers } from "${service.package}/mocks";
import { describeOwnMockHandlers, loadSpec } from "@sciclients/test-utils";

const baseURL = "https://${service.name}.test/api";

describeOwnMockHandlers({
  service: ${JSON.stringify(service.title)},
  // The prepared document the code was generated from (operationIds are the function names).
  doc: loadSpec(path.join(import.meta.dirname, "../src/generated/openapi.json")),
  functions: import.meta.glob("../src/generated/functions/*/*.ts", { eager: true }),
  baseURL,
  requestOptions: { client: ${factory}({ baseURL }) },
  handlers: getAllMockHandlers,
});
`;
}

function readme(service: Service, Name: string, factory: string): string {
  return `# ${service.package}

Typed client, React Query hooks and MSW mocks for the ${service.title}, generated
from [\`${service.spec}\`](../../${service.spec}) by \`pnpm generate\`.

\`\`\`ts
import { ${factory} } from "${service.package}";

const client = ${factory}({ baseURL: "https://${service.name}.example.org" });
\`\`\`

Pass \`{ client }\` to any function of \`${service.package}/functions\`. The hooks of
a tag entry (\`${service.package}/<tag>\`) take their client from a
\`<SciclientsProvider clients={[client]}>\` (\`${service.package}/react\`) or from
\`{ request: { client } }\`. \`getAllMockHandlers({ baseURL })\` (\`${service.package}/mocks\`)
answers that deployment's requests only.
Credentials come from [\`@sciclients/auth\`](../auth/README.md) (\`auth\` option).
Failures throw \`ApiError\`; \`${Name}Client\` is the client's type.

\`src/generated/prepare-report.json\` lists what the generator changed in the
spec before generating (renamed operations and schemas, fixed enums and defaults, …).
`;
}

/** The files `generate` reads for any service: the manifest and the generator (write/generator-files.ts). */
export const GENERATOR_INPUTS = [
  "$TURBO_ROOT$/specs/services.yaml",
  ...GENERATOR_INPUT_GLOBS.map((glob) => (glob.startsWith("!") ? `!$TURBO_ROOT$/${glob.slice(1)}` : `$TURBO_ROOT$/${glob}`)),
];

/**
 * A client's turbo.json, derived from its manifest entry (`pnpm generate` writes it,
 * `pnpm check:drift` compares it): generation is cached on its own spec and the
 * generator, and its tests read its own spec only (plus the entry's `testInputs`),
 * so editing one spec regenerates, rebuilds and retests that client alone.
 */
export function turboConfig(service: Pick<Service, "spec" | "testInputs"> & Partial<Service>): string {
  const spec = `$TURBO_ROOT$/${service.spec}`;
  const extra = (service.testInputs ?? []).map((file: string) => `$TURBO_ROOT$/${file}`);
  return `${JSON.stringify(
    {
      $schema: "https://turborepo.com/schema.json",
      extends: ["//"],
      tasks: {
        generate: { inputs: [spec, ...GENERATOR_INPUTS], outputs: ["src/generated/**"] },
        test: {
          inputs: [
            "src/**",
            "test/**",
            "*.ts",
            "package.json",
            "$TURBO_ROOT$/vitest.shared.ts",
            spec,
            "$TURBO_ROOT$/specs/services.yaml",
            ...extra,
          ],
        },
      },
    },
    null,
    2,
  )}\n`;
}
