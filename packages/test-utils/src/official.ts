// Reads the operations (method, path, function name) out of an orval-generated
// axios client's shipped sources, such as @squonk/data-manager-client.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface ClientOperation {
  operationId: string;
  method: string;
  /** The path with every parameter written `{}`, so names do not matter. */
  path: string;
}

/** `/project/{project_id}` and `/project/${projectId}` both become `/project/{}`. */
export const normalisePath = (p: string): string => p.replace(/\$?\{[^}]+\}/g, "{}");

export function operationsOfOrvalClient(apiDir: string): ClientOperation[] {
  const operations: ClientOperation[] = [];
  for (const tag of readdirSync(apiDir, { withFileTypes: true })) {
    if (!tag.isDirectory() || tag.name === "api-schemas") continue;
    const source = readFileSync(path.join(apiDir, tag.name, `${tag.name}.ts`), "utf8");
    // `export const getProjects = (` … `{ url: \`/project\`, method: "GET"`
    const pattern = /export const (\w+) = \((?:(?!export const)[\s\S])*?\{\s*url: `([^`]*)`,\s*method: "(\w+)"/g;
    for (const match of source.matchAll(pattern)) {
      const [, name, url, method] = match;
      if (!name || !url || !method) continue;
      operations.push({ operationId: name, method: method.toUpperCase(), path: normalisePath(url) });
    }
  }
  return operations;
}

/** Lines present on one side only, e.g. "GET /project/{} getProjects". */
export function compareOperationSets(ours: ClientOperation[], theirs: ClientOperation[]) {
  const line = (o: ClientOperation) => `${o.method} ${normalisePath(o.path)} ${o.operationId}`;
  const a = new Set(ours.map(line));
  const b = new Set(theirs.map(line));
  return { onlyOurs: [...a].filter((x) => !b.has(x)).sort(), onlyTheirs: [...b].filter((x) => !a.has(x)).sort() };
}
