// Finishing steps on every endpoint file orval wrote: path parameters, operation
// names and answer types in each request; with the hooks, the steps of hooks.ts
// and infinite.ts. The plain functions are taken from these files (functions.ts).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { listFiles } from "../files.ts";
import { serviceBindings } from "../manifest/services.ts";
import type { PreparedDocument, Service } from "../types.ts";
import { bindHooksToClients, scopeQueryKeys } from "./hooks.ts";
import { addInfiniteQueries } from "./infinite.ts";

/** Which operations answer text, and which JSON (answers.ts). */
export interface Answers {
  textOperations: Set<string>;
  jsonOperations: Set<string>;
}

/** What the hooks' finishing steps need: the document, and the paging of each infinite query by operationId. */
export interface HookContext {
  document: PreparedDocument;
  byOperation: Map<string, string>;
}

/**
 * Rewrites orval 7 has no option for, applied to every file of `dir`:
 * - path parameters go through core's `pathParameter`, which percent-encodes
 *   them (values holding `/`, `:` or `?`, such as dserver's dataset URIs, reach
 *   the server intact) and refuses empty, `.` and `..` values;
 * - each request names its operation (for errors), and says what its answer is:
 *   `responseType: 'json'` for a declared JSON answer (checked to be JSON),
 *   `'text'` for text that axios would otherwise parse.
 * With `hooks` (the React Query tag files), also the finishing steps of
 * finish/hooks.ts and finish/infinite.ts: query keys
 * `[service, clientId, …]`, hooks taking their client from React context, and
 * infinite queries of the paginated operations.
 */
export async function rewriteEndpoints(
  service: Service,
  dir: string,
  { textOperations, jsonOperations }: Answers,
  hooks?: HookContext,
  /** Called with each file once it is final, so a later step can start on it while the others are rewritten. */
  onFinished?: (file: string) => void,
) {
  const { requester } = serviceBindings(service.name);
  const files = (await listFiles(dir)).filter((f) => f.endsWith(".ts") && !f.endsWith(".msw.ts"));
  const counts = { keys: 0, params: 0, queries: 0, mutations: 0, infinite: 0 };
  for (const file of files) {
    // Synchronous reads and writes: the files are small and the loop has nothing to wait for meanwhile.
    const text = readFileSync(file, "utf8");
    let next = text
      // Text responses (logs, TSV, NDJSON) stay text: axios would parse JSON-looking text.
      .replace(/(export const (\w+) = \((?:(?!export const)[\s\S])*?\{url: `[^`]*`, method: '\w+')/g, (m, _head: string, name: string) => {
        const answer = textOperations.has(name) ? ", responseType: 'text'" : jsonOperations.has(name) ? ", responseType: 'json'" : "";
        return `${m}, operation: '${name}'${answer}`;
      })
      // `{url: \`/project/${projectId}\`` in request functions
      .replace(/\{url: `([^`]*)`/g, (m, url: string) =>
        m.replace(
          url,
          url.replace(/\$\{(\w+)\}/g, (_, name: string) => {
            counts.params += 1;
            return `\${pathParameter(${name}, "${name}")}`;
          }),
        ),
      );
    if (next.includes("${pathParameter(")) {
      next = next.replace(`import { ${requester} } from '../../http';`, `import { ${requester}, pathParameter } from '../../http';`);
    }
    if (hooks) {
      const bindings = serviceBindings(service.name);
      const keys = scopeQueryKeys(next, { prefix: service.queryKeyPrefix, bindings });
      const bound = bindHooksToClients(keys.text, { bindings });
      const infinite = addInfiniteQueries(bound.text, {
        ...hooks,
        prefix: service.queryKeyPrefix,
        bindings,
        requester: bindings.requester,
      });
      next = infinite.text;
      counts.keys += keys.keys;
      counts.queries += bound.queries;
      counts.mutations += bound.mutations;
      counts.infinite += infinite.count;
    }
    if (next !== text) writeFileSync(file, next);
    onFinished?.(file);
  }
  return counts;
}

/**
 * orval leaves out the import of a text/plain response's type from the MSW
 * file although its handler names it: such types are imported from the models.
 */
export function importResponseTypes(text: string, modelDir: string): string {
  const used = new Set([...text.matchAll(/overrideResponse\?: ([A-Z]\w*) \|/g)].map((m) => m[1] ?? ""));
  const imported = new Set(
    [...text.matchAll(/import(?: type)? \{([^}]*)\} from/g)].flatMap((m) => (m[1] ?? "").split(",").map((n) => n.trim())),
  );
  const isModel = (name: string) => existsSync(path.join(modelDir, `${name.charAt(0).toLowerCase()}${name.slice(1)}.ts`));
  const missing = [...used].filter((name) => !imported.has(name) && isModel(name)).sort();
  if (missing.length === 0) return text;
  const model = /import type \{\n([^}]*)\} from '\.\.\/\.\.\/model';/;
  if (model.test(text))
    return text.replace(
      model,
      (_, names: string) => `import type {\n${names.trimEnd()},\n  ${missing.join(",\n  ")}\n} from '../../model';`,
    );
  return text.replace(
    /(import type \{\n\s*RequestHandlerOptions\n\} from 'msw';\n)/,
    `$1\nimport type {\n  ${missing.join(",\n  ")}\n} from '../../model';\n`,
  );
}
