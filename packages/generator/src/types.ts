// The shapes the stages hand each other: the manifest entry of a service, the
// documents, and what the preparation reports.

/** One entry of specs/services.yaml, with its key as `name` (manifest/services.ts checks it). */
export interface Service {
  name: string;
  title: string;
  /** The spec, relative to the repository root: specs/<name>.yaml. */
  spec: string;
  /** The npm name: @sciclients/<name>-client. */
  package: string;
  /** The package's folder, relative to the repository root. */
  directory: string;
  /** The first element of every query key. */
  queryKeyPrefix: string;
  /** Operations whose faker mock does not type-check: they answer with a minimal typed value. */
  minimalMocks?: string[];
  /**
   * Operations whose faker mock would be too large to write (prepare/mock-size.ts):
   * found in the document by the pipeline on every run, never in the manifest.
   */
  oversizedMocks?: string[];
  /** Each paging exported by the package's src/infinite.ts, with the operations it pages. */
  infiniteQueries?: Record<string, string[]>;
  /** More files the package's tests read, relative to the repository root. */
  testInputs?: string[];
  /** The ./node resolver's options for the base URL and the token (for the command line). */
  settings?: { baseUrl: string; token: string };
  /** The schema of the service's error bodies. */
  errorSchema?: string;
  /** Where the running service publishes its document (specs/live.ts reads it). */
  live?: unknown;
}

/** A JSON object read from an untrusted document: its values are narrowed where they are used. */
export type JsonObject = Record<string, unknown>;

/**
 * An OpenAPI 3 document as the preparation leaves it: self-contained (every
 * `$ref` local), with the version and info checked. What lies below `paths` and
 * `components` stays `unknown` and is narrowed where it is read (prepare/walk.ts
 * has the traversals).
 */
export interface PreparedDocument extends JsonObject {
  openapi: string;
  info: JsonObject;
  paths?: JsonObject;
  components?: JsonObject;
}

/** The parts of a document the finishing steps read: its paths and components. */
export type DocumentParts = Pick<PreparedDocument, "paths" | "components">;

/** One change the preparation made to a document (the report's entries; src/generated/prepare-report.json). */
export interface Change {
  /** The fix that made it: one of prepare/fixes. */
  fix: string;
  /** Where, as a JSON pointer into the document. */
  pointer: string;
  message: string;
}

/** What the preparation did to a spec. */
export interface PrepareReport {
  /** The spec as the report names it (specs/<name>.yaml). */
  source: string;
  /** What the spec was written as: "Swagger 2.0" or "OpenAPI 3.x.y". */
  format: string;
  changes: Change[];
}

/** The preparation's result: the document orval and openapi-typescript read, and the report. */
export interface Prepared {
  document: PreparedDocument;
  report: PrepareReport;
}
