// orval and @orval/core as the generator loads them: with `require` (see
// paths.ts), and without the spec linter @orval/core loads when it starts.
//
// @orval/core requires @ibm-cloud/openapi-ruleset and @stoplight/spectral-core
// at the top of its bundle, for one function: the validation an orval config
// asks for with `input.validation`. The generator never asks (orval.ts passes
// `validation: false`; the preparation has read and checked the document), yet
// loading them took about 0.95 s of the 1.6 s plain orval needs for the Data
// Manager spec here. So before @orval/core is first required, the two modules
// are registered in require's cache as stand-ins: an empty ruleset and a
// `Spectral` class that refuses to be made, with a message that says why,
// should a later orval version call it anyway.
import { Module } from "node:module";
import { requireTool } from "../paths.ts";

/** The part of orval's API used here. */
export interface Orval {
  generate: (config: unknown, workspace: string, options: { projectName: string }) => Promise<void>;
}

/** The part of @orval/core's naming used here (CommonJS: its named exports are not visible from ESM on Node 24). */
export interface OrvalCore {
  camel: (text: string) => string;
  pascal: (text: string) => string;
  sanitize: (text: string, options: Record<string, boolean | string>) => string;
  getRoute: (route: string) => string;
  getRouteAsArray: (route: string) => string;
  loadFile: (file: string, options: { isDefault: boolean; root: string; load: boolean }) => Promise<unknown>;
}

/** The linter modules @orval/core loads at start, and what stands in for each. */
export const LINTER_STAND_INS: Record<string, () => unknown> = {
  "@ibm-cloud/openapi-ruleset": () => ({}),
  "@stoplight/spectral-core": () => ({
    Spectral: class {
      constructor() {
        throw new Error(
          "orval tried to validate the document, but the generator loads orval without its linter (src/generate/orval-tools.ts): " +
            "orval's config must keep input.validation false",
        );
      }
    },
  }),
};

let standInsInstalled = false;

/**
 * Registers the stand-ins, as modules resolved from @orval/core's own folder, unless
 * @orval/core (or the real module) was loaded already. Returns the files it registered.
 */
export function installLinterStandIns(): string[] {
  if (standInsInstalled) return [];
  standInsInstalled = true;
  const corePath = requireTool.resolve("@orval/core");
  if (requireTool.cache[corePath]) return [];
  const coreRequire = Module.createRequire(corePath);
  const registered: string[] = [];
  for (const [name, make] of Object.entries(LINTER_STAND_INS)) {
    const file = coreRequire.resolve(name);
    if (coreRequire.cache[file]) continue;
    const standIn = new Module(file);
    standIn.filename = file;
    standIn.loaded = true;
    standIn.exports = make();
    coreRequire.cache[file] = standIn;
    registered.push(file);
  }
  return registered;
}

/** @orval/core, loaded once (stand-ins first). */
export function orvalCore(): OrvalCore {
  installLinterStandIns();
  return requireTool("@orval/core") as OrvalCore;
}

/** orval, loaded once (stand-ins first). */
export function orval(): Orval {
  installLinterStandIns();
  return requireTool("orval") as Orval;
}
