// The shape of the catalogue packages/generator/src/cli-catalogue/catalogue.ts writes into src/generated.
import type { ServiceClient, ServiceClientOptions } from "@sciclients/core";

/** How a value is typed on the command line: the schema's type, its enum, default and whether it names a file to upload. */
export interface ValueShape {
  type: string;
  /** The type of an array's items. */
  items?: string;
  enum?: (string | number | boolean)[];
  default?: string | number | boolean | null;
  /** A file upload (format: binary): the flag takes a path. */
  file?: boolean;
  description?: string;
}

export interface ParameterEntry extends ValueShape {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
}

export interface BodyField extends ValueShape {
  name: string;
  required: boolean;
}

export interface OperationEntry {
  id: string;
  /** The operationId in kebab case: the subcommand's name. */
  command: string;
  tag: string;
  summary: string;
  method: string;
  path: string;
  parameters: ParameterEntry[];
  body?: { contentType: string; required: boolean; fields: BodyField[] };
  /** How the success answer is read: JSON, text, bytes or nothing. */
  answer: "json" | "text" | "binary" | "none";
  /** The component name of the success answer's schema, when it is one (`FutureStart`). */
  answerSchema?: string;
  /** The manifest's name of the paging the operation follows (infiniteQueries). */
  paging?: string;
}

export interface ServiceCatalogue {
  name: string;
  title: string;
  /** The `explicit` options of the ./node resolver that --base-url and --token set. */
  settings?: { baseUrl: string; token: string };
  operations: OperationEntry[];
}

/** Settings a ./node resolver takes (ResolveSettingsOptions of @sciclients/auth/node). */
export interface ResolverOptions {
  explicit?: Record<string, unknown>;
  interactive?: boolean;
}

export interface ServiceEntry {
  catalogue: ServiceCatalogue;
  /** The package's create<Service>Client. */
  createClient: (options: ServiceClientOptions) => ServiceClient;
  /** The package's create<Service>ClientFromSettings (./node), when it has settings. */
  createClientFromSettings?: (options?: ResolverOptions) => ServiceClient;
}
