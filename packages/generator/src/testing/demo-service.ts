// The manifest entry of a made-up service, for tests that need one (outside the
// generator's inputs: src/write/generator-files.ts does not list this folder).
import type { Service } from "../types.ts";

/** The service `name` as specs/services.yaml would describe it. */
export function demoService(name = "demo"): Service {
  return {
    name,
    title: name.charAt(0).toUpperCase() + name.slice(1),
    spec: `specs/${name}.yaml`,
    package: `@sciclients/${name}-client`,
    directory: `packages/${name}-client`,
    queryKeyPrefix: name,
  };
}
