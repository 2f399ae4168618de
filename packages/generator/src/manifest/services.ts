// Reads specs/services.yaml, the list of services every script works from.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { CORE_SCHEMA, load } from "js-yaml";
import { isObject } from "../prepare/walk.ts";
import type { Service } from "../types.ts";

const REQUIRED = ["title", "spec", "package", "directory", "queryKeyPrefix"] as const;

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === "string");

/** The services of `root`'s specs/services.yaml, each entry checked (a wrong one names the service and key). */
export async function loadServices(root: string): Promise<Service[]> {
  const file = path.join(root, "specs/services.yaml");
  // js-yaml with the YAML 1.2 core schema reads it as \`yaml\` does (repeated keys are an
  // error in both) and loads in a third of the time: every run of a script starts here.
  const doc: unknown = load(await readFile(file, "utf8"), { schema: CORE_SCHEMA, filename: file });
  if (!isObject(doc) || typeof doc.services !== "object" || doc.services === null) {
    throw new Error(`${file}: expected a top-level "services" map`);
  }
  return Object.entries(doc.services).map(([name, value]: [string, unknown]): Service => {
    const entry = isObject(value) ? value : {};
    for (const key of REQUIRED) {
      if (typeof entry[key] !== "string" || entry[key] === "") {
        throw new Error(`${file}: services.${name}.${key} is missing or not a string`);
      }
    }
    if (entry.minimalMocks !== undefined && !isStringList(entry.minimalMocks)) {
      throw new Error(`${file}: services.${name}.minimalMocks must be a list of operationIds`);
    }
    const infinite = entry.infiniteQueries;
    if (
      infinite !== undefined &&
      !(infinite !== null && typeof infinite === "object" && !Array.isArray(infinite) && Object.values(infinite).every(isStringList))
    ) {
      throw new Error(`${file}: services.${name}.infiniteQueries must map each paging of src/infinite.ts to a list of operationIds`);
    }
    if (
      entry.testInputs !== undefined &&
      !(isStringList(entry.testInputs) && entry.testInputs.every((f) => f !== "" && !path.isAbsolute(f)))
    ) {
      throw new Error(`${file}: services.${name}.testInputs must be a list of paths relative to the repository root`);
    }
    const settings = entry.settings;
    if (settings !== undefined && !(isObject(settings) && typeof settings.baseUrl === "string" && typeof settings.token === "string")) {
      throw new Error(
        `${file}: services.${name}.settings must name the ./node resolver's options for the base URL and token: { baseUrl, token }`,
      );
    }
    // Checked above: the required keys are strings, the optional ones have their types.
    return { name, ...entry } as unknown as Service;
  });
}

export interface ServiceBindings {
  identifier: string;
  requester: string;
  mutationOptions: string;
  clientOptions: string;
  deployment: string;
  clientHook: string;
}

/**
 * The names generated code gives a service's own functions (write/glue.ts
 * writes them into http.ts and react.ts): `data-manager` → `dataManagerRequest`,
 * `useDataManagerMutationOptions`, `useDataManagerClientOptions` (a hook's client
 * from its options or React context), `dataManagerDeployment` (the client id in
 * query keys) and `useDataManagerClient`; `identifier` is the name as an identifier.
 */
export function serviceBindings(name: string): ServiceBindings {
  const identifier = name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  const capitalised = identifier.charAt(0).toUpperCase() + identifier.slice(1);
  return {
    identifier,
    requester: `${identifier}Request`,
    mutationOptions: `use${capitalised}MutationOptions`,
    clientOptions: `use${capitalised}ClientOptions`,
    deployment: `${identifier}Deployment`,
    clientHook: `use${capitalised}Client`,
  };
}
