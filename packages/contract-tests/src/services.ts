// The services of specs/services.yaml with what the contract needs of each:
// its spec, its client factory, credentials of the kind the spec's security
// asks for, and every generated request function, loaded through the
// package's own exports (the per-tag subpaths users import).
import { readFileSync } from "node:fs";
import path from "node:path";
import { type AuthProvider, dssApiKey, staticBearer } from "@sciclients/auth";
import type { ServiceClient, ServiceClientOptions } from "@sciclients/core";
import { deref, listOperations, loadSpec, type OpenApiDocument, type SpecOperation } from "@sciclients/test-utils";
import { parse } from "yaml";

export const root = path.resolve(import.meta.dirname, "../../..");

export interface ServiceEntry {
  name: string;
  title: string;
  spec: string;
  package: string;
  directory: string;
}

export function loadServiceEntries(): ServiceEntry[] {
  const manifest = parse(readFileSync(path.join(root, "specs/services.yaml"), "utf8")) as {
    services: Record<string, Omit<ServiceEntry, "name">>;
  };
  return Object.entries(manifest.services).map(([name, entry]) => ({ name, ...entry }));
}

// biome-ignore lint/suspicious/noExplicitAny: generated functions have every shape; the contract calls them by position.
export type AnyFunction = (...args: any[]) => Promise<unknown>;
type ClientFactory = (options: ServiceClientOptions) => ServiceClient;

const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/**
 * The entry points of a client package that export request functions, grouped
 * the way users import them: the per-tag subpaths (`./project`, `./dataset`, …,
 * request functions beside their React Query hooks) and, when the package has
 * it, `./functions` (the plain functions for Node). Read from the package's
 * `exports`: an entry is whatever points into `src/generated/endpoints/` or at
 * `src/generated/functions.ts`.
 */
export function entryPoints(entry: ServiceEntry): { name: string; subpaths: string[] }[] {
  const pkg = JSON.parse(readFileSync(path.join(root, entry.directory, "package.json"), "utf8")) as {
    exports: Record<string, { "@sciclients/source"?: string } | string>;
  };
  const source = (target: { "@sciclients/source"?: string } | string) =>
    typeof target === "object" ? (target["@sciclients/source"] ?? "") : "";
  const exported = Object.entries(pkg.exports);
  const tags = exported.filter(([, t]) => source(t).startsWith("./src/generated/endpoints/")).map(([subpath]) => subpath);
  const functions = exported.filter(([, t]) => source(t) === "./src/generated/functions.ts").map(([subpath]) => subpath);
  const groups = [{ name: "./<tag>", subpaths: tags }];
  if (functions.length > 0) groups.push({ name: "./functions", subpaths: functions });
  return groups.map((g) => ({ ...g, subpaths: g.subpaths.map((s) => `${entry.package}/${s.replace(/^\.\//, "")}`) }));
}

export interface EntryPoint {
  /** `./<tag>` or `./functions`. */
  name: string;
  /** Every function the entry exports, by name (the operationId for request functions). */
  functions: Map<string, AnyFunction>;
}

export interface LoadedService {
  entry: ServiceEntry;
  doc: OpenApiDocument;
  operations: SpecOperation[];
  /** The entry points that export request functions; every operation is called through each. */
  entryPoints: EntryPoint[];
  createClient: ClientFactory;
  /** Credentials of the kind the spec's security requirement names. */
  auth: AuthProvider;
  authKind: string;
}

/** The token or key sent to Prism: it checks that credentials of the right scheme are present, not their value. */
export const CONTRACT_SECRET = "contract-test-token";

/** `staticBearer` for `http: bearer`, `dssApiKey` (HTTP Basic) for `http: basic`, as the spec's first security requirement says. */
export function credentialsFor(doc: OpenApiDocument & { security?: Record<string, string[]>[] }): { auth: AuthProvider; kind: string } {
  const schemes = (doc.components?.securitySchemes ?? {}) as Record<string, unknown>;
  const first = Object.keys(doc.security?.[0] ?? {})[0];
  if (!first) throw new Error("the spec has no security requirement");
  const scheme = deref<{ type?: string; scheme?: string }>(doc, schemes[first]);
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "bearer")
    return { auth: staticBearer(CONTRACT_SECRET), kind: "staticBearer" };
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic")
    return { auth: dssApiKey(CONTRACT_SECRET), kind: "dssApiKey (Basic)" };
  throw new Error(`no credentials for security scheme ${first} (${scheme.type} ${scheme.scheme ?? ""})`);
}

export async function loadService(entry: ServiceEntry): Promise<LoadedService> {
  const doc = loadSpec(path.join(root, entry.spec));
  const points: EntryPoint[] = [];
  for (const group of entryPoints(entry)) {
    const functions = new Map<string, AnyFunction>();
    for (const specifier of group.subpaths) {
      const module = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) if (typeof value === "function") functions.set(name, value as AnyFunction);
    }
    points.push({ name: group.name, functions });
  }
  const main = (await import(/* @vite-ignore */ entry.package)) as Record<string, unknown>;
  const createClient = main[`create${pascal(entry.name)}Client`] as ClientFactory | undefined;
  if (typeof createClient !== "function") throw new Error(`${entry.package} exports no create${pascal(entry.name)}Client`);
  const { auth, kind } = credentialsFor(doc);
  return { entry, doc, operations: listOperations(doc), entryPoints: points, createClient, auth, authKind: kind };
}
