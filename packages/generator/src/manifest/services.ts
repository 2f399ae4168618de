// Reads specs/services.yaml, the list of services every script works from.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";

const REQUIRED = ["title", "spec", "package", "directory", "queryKeyPrefix"];

export async function loadServices(root) {
  const file = path.join(root, "specs/services.yaml");
  const doc = parse(await readFile(file, "utf8"));
  if (!doc || typeof doc.services !== "object") throw new Error(`${file}: expected a top-level "services" map`);
  return Object.entries(doc.services).map(([name, entry]) => {
    for (const key of REQUIRED) {
      if (typeof entry?.[key] !== "string" || entry[key] === "") {
        throw new Error(`${file}: services.${name}.${key} is missing or not a string`);
      }
    }
    if (
      entry.minimalMocks !== undefined &&
      !(Array.isArray(entry.minimalMocks) && entry.minimalMocks.every((id) => typeof id === "string"))
    ) {
      throw new Error(`${file}: services.${name}.minimalMocks must be a list of operationIds`);
    }
    const infinite = entry.infiniteQueries;
    if (
      infinite !== undefined &&
      !(
        infinite !== null &&
        typeof infinite === "object" &&
        !Array.isArray(infinite) &&
        Object.values(infinite).every((ids) => Array.isArray(ids) && ids.every((id) => typeof id === "string"))
      )
    ) {
      throw new Error(`${file}: services.${name}.infiniteQueries must map each paging of src/infinite.ts to a list of operationIds`);
    }
    if (
      entry.testInputs !== undefined &&
      !(Array.isArray(entry.testInputs) && entry.testInputs.every((f) => typeof f === "string" && f !== "" && !path.isAbsolute(f)))
    ) {
      throw new Error(`${file}: services.${name}.testInputs must be a list of paths relative to the repository root`);
    }
    const settings = entry.settings;
    if (
      settings !== undefined &&
      !(settings !== null && typeof settings === "object" && typeof settings.baseUrl === "string" && typeof settings.token === "string")
    ) {
      throw new Error(
        `${file}: services.${name}.settings must name the ./node resolver's options for the base URL and token: { baseUrl, token }`,
      );
    }
    return { name, ...entry };
  });
}

/**
 * The names generated code gives a service's own functions (scripts/generate.mjs
 * writes them into http.ts and react.ts): `data-manager` → `dataManagerRequest`,
 * `useDataManagerMutationOptions`, `useDataManagerClientOptions` (a hook's client
 * from its options or React context), `dataManagerDeployment` (the client id in
 * query keys) and `useDataManagerClient`; `identifier` is the name as an identifier.
 */
export function serviceBindings(name) {
  const identifier = name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
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
