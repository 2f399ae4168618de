// The hand-written files of a new client package, from its manifest entry.
// `pnpm new-client` writes them once; after that they are the package's own.

const pascal = (name) => name.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());

/**
 * The files of a new package. `options.operationsTest` adds a test calling every
 * operation with exact checks of what goes over the wire (for tidy specs); every
 * package gets the smoke test, one operation of each tag against its MSW mocks.
 */
export function scaffoldFiles(service, versions, options = {}) {
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
        // The type-check of a very large API (Kubernetes: 6 GB) needs more than Node's default heap.
        typecheck: options.largeSpec
          ? "node --max-old-space-size=12288 ../../node_modules/typescript/bin/tsc --noEmit -p tsconfig.json"
          : "tsc --noEmit -p tsconfig.json",
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

/** A configured connection to one ${service.title} deployment: pass it as \`{ client }\` to any function, \`{ request: { client } }\` to any hook. */
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

function operationsTest(service, factory) {
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

function smokeTest(service, factory) {
  return `// One operation of each tag of the ${service.title}, called through its plain
// function against the package's own MSW mock handlers: the request leaves with
// the operation's method and path, and the generated mock answers it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ${factory} } from "${service.package}";
import { getAllMockHandlers } from "${service.package}/mocks";
import { type AnyFunction, type OpenApiDocument, type Schema, sampleFor } from "@sciclients/test-utils";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The prepared document the code was generated from (operationIds are the function names).
const doc = JSON.parse(readFileSync(path.join(import.meta.dirname, "../src/generated/openapi.json"), "utf8")) as OpenApiDocument;
const plain = import.meta.glob<Record<string, AnyFunction>>("../src/generated/functions/*/*.ts", { eager: true });
const functions = new Map(Object.values(plain).flatMap((m) => Object.entries(m)));

type Parameter = { name: string; in: string; required?: boolean; schema?: Schema; $ref?: string };
type Operation = { operationId: string; tags?: string[]; parameters?: Parameter[]; requestBody?: { $ref?: string; content?: Record<string, { schema?: Schema }> } };

const deref = <T>(value: T): T => {
  let current = value as { $ref?: string };
  for (let i = 0; i < 20 && typeof current?.$ref === "string"; i++) {
    let target: unknown = doc;
    for (const part of current.$ref.slice(2).split("/")) target = (target as Record<string, unknown>)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    current = target as { $ref?: string };
  }
  return current as T;
};

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
// The first operation of each tag, in document order.
const firstOfTag = new Map<string, { method: string; route: string; op: Operation; params: Parameter[] }>();
for (const [route, item] of Object.entries(doc.paths)) {
  for (const method of METHODS) {
    const op = item[method] as Operation | undefined;
    if (!op) continue;
    const tag = op.tags?.[0] ?? "default";
    const shared = ((item.parameters as Parameter[] | undefined) ?? []).map(deref);
    const own = (op.parameters ?? []).map(deref);
    const params = [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
    if (!firstOfTag.has(tag)) firstOfTag.set(tag, { method, route, op, params });
  }
}

const pathValue = (p: Parameter) => {
  const schema = deref(p.schema ?? {}) as { type?: string; enum?: unknown[] };
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  return schema.type === "integer" || schema.type === "number" ? 1 : \`\${p.name}-1\`;
};

function bodyValue(op: Operation): unknown {
  const body = deref(op.requestBody);
  const [media, content] = Object.entries(body?.content ?? {})[0] ?? [];
  if (!media) return undefined;
  const schema = deref(content?.schema ?? {}) as { type?: string; format?: string; properties?: Record<string, Schema> };
  if (/form/.test(media)) {
    return Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([key, prop]) => {
        const field = deref(prop) as { type?: string; format?: string };
        return [key, field.format === "binary" ? new Blob(["bytes"]) : sampleFor(doc, prop)];
      }),
    );
  }
  if (schema.type === "string" && schema.format === "binary") return new Blob(["bytes"]);
  return sampleFor(doc, content?.schema) ?? {};
}

const baseURL = "https://${service.name}.test/api";
const client = ${factory}({ baseURL });
const seen: { method: string; pathname: string }[] = [];
// The package's mocks answer first; a route they cannot match gets an empty JSON object.
const server = setupServer(...getAllMockHandlers(), http.all("*", () => HttpResponse.json({})));
server.events.on("request:start", ({ request }) => {
  seen.push({ method: request.method, pathname: new URL(request.url).pathname });
});

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("${service.title}: one operation of each tag against the generated mocks", () => {
  it("the document has operations", () => {
    expect(firstOfTag.size).toBeGreaterThan(0);
  });

  for (const [tag, { method, route, op, params }] of firstOfTag) {
    it(\`\${tag}: \${op.operationId} (\${method.toUpperCase()} \${route})\`, async () => {
      const fn = functions.get(op.operationId);
      expect(fn, \`generated function \${op.operationId}\`).toBeTypeOf("function");
      const order = (name: string) => route.indexOf(\`{\${name}}\`);
      const args: unknown[] = params
        .filter((p) => p.in === "path")
        .sort((a, b) => order(a.name) - order(b.name))
        .map(pathValue);
      if (op.requestBody) args.push(bodyValue(op));
      const query = params.filter((p) => p.in === "query");
      if (query.length > 0) args.push(Object.fromEntries(query.filter((p) => p.required).map((p) => [p.name, sampleFor(doc, p.schema)])));
      seen.length = 0;
      await (fn as AnyFunction)(...args, { client });
      expect(seen.map((r) => r.method)).toEqual([method.toUpperCase()]);
      const pattern = new RegExp(\`^/api\${route.replace(/[#?].*$/, "").replace(/[.*+?^$()|[\\]\\\\]/g, "\\\\$&").replace(/\\{[^}]+\\}/g, "[^/]+")}$\`);
      expect(seen[0]?.pathname).toMatch(pattern);
    });
  }
});
`;
}

function readme(service, Name, factory) {
  return `# ${service.package}

Typed client, React Query hooks and MSW mocks for the ${service.title}, generated
from [\`${service.spec}\`](../../${service.spec}) by \`pnpm generate\`.

\`\`\`ts
import { ${factory} } from "${service.package}";

const client = ${factory}({ baseURL: "https://${service.name}.example.org" });
\`\`\`

Pass \`{ client }\` to any function of \`${service.package}/functions\` and
\`{ request: { client } }\` to any hook of a tag entry (\`${service.package}/<tag>\`).
Credentials come from [\`@sciclients/auth\`](../auth/README.md) (\`auth\` option).
Failures throw \`ApiError\`; \`${Name}Client\` is the client's type.

\`src/generated/prepare-report.json\` lists what the generator changed in the
spec before generating (renamed operations and schemas, fixed enums and defaults, …).
`;
}

/** The files `generate` reads for any service (the generator and its preparation step). */
export const GENERATOR_INPUTS = [
  "$TURBO_ROOT$/specs/services.yaml",
  "$TURBO_ROOT$/scripts/generate.mjs",
  "$TURBO_ROOT$/scripts/lib/files.mjs",
  "$TURBO_ROOT$/scripts/lib/services.mjs",
  "$TURBO_ROOT$/scripts/lib/prepare-*.mjs",
];

/**
 * A client's turbo.json, derived from its manifest entry: generation is cached
 * on its own spec and the generator, and its tests read its own spec only, so
 * editing one spec regenerates, rebuilds and retests that client alone.
 */
export function turboConfig(service) {
  const spec = `$TURBO_ROOT$/${service.spec}`;
  return `${JSON.stringify(
    {
      $schema: "https://turborepo.com/schema.json",
      extends: ["//"],
      tasks: {
        generate: { inputs: [spec, ...GENERATOR_INPUTS], outputs: ["src/generated/**"] },
        test: {
          inputs: ["src/**", "test/**", "*.ts", "package.json", "$TURBO_ROOT$/vitest.shared.ts", spec, "$TURBO_ROOT$/specs/services.yaml"],
        },
      },
    },
    null,
    2,
  )}\n`;
}
