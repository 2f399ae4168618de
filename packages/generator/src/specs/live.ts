// The `live` block of a service in specs/services.yaml: where the running
// service publishes its OpenAPI document, whose settings (a client package's
// ./node resolver) give the address and credentials, and the fixes applied to
// what it serves.
//
//   live:
//     url: "{DSERVER_URL}/doc/openapi.json"   # {NAME}: a setting (environment, then the settings file)
//     auth: dserver                           # none | dserver | data-manager | account-server | dss | iceprod
//     volatile: ["$.info['x-build-date']"]    # JSONPath of fields dropped; $.servers always is
//     fixes:                                  # OpenAPI Overlay actions, applied in order
//       - description: why the fix is needed
//         target: "$.paths['/a'].get"
//         update: { operationId: getA }       # or remove: true, or copy: "$.other.place"
//       - description: our name for the model
//         target: $.components.schemas.Thing
//         rename: Item                        # the component and every $ref to it
//       - description: one shared parameter
//         target: "$.paths.*.get.parameters[?(@.name == 'page')]"
//         extract: "#/components/parameters/Page"   # alike inline objects become one component
//
//   fixes may also be the path of a YAML file (from the repository root) whose
//   `actions` list holds them, an OpenAPI Overlay document: fixes: specs/fixes/a.yaml
//
//   live:
//     published: false
//     note: Why there is no document to fetch.

import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { messageOf } from "../cli.ts";
import { isObject } from "../prepare/walk.ts";
import type { JsonObject, Service } from "../types.ts";

/** A fix of the live document: an OpenAPI Overlay action (or our rename/extract), checked by checkFix. */
export interface LiveFix {
  description: string;
  target: string;
  update?: unknown;
  remove?: true;
  copy?: string;
  rename?: string;
  extract?: string;
}

/** The `live` block of a service, checked. */
export type LiveSettings =
  | { published: false; note: string }
  | { published: true; url: string; auth: string; volatile: string[]; fixes: LiveFix[]; fixesFile: string };

export const AUTH_KINDS = ["none", "dserver", "data-manager", "account-server", "dss", "iceprod"];
/** Dropped from every fetched document: the address of the deployment it was fetched from. */
export const ALWAYS_VOLATILE = ["$.servers"];
const PLACEHOLDER = /\{([A-Z][A-Z0-9_]*)\}/g;

/**
 * The validated `live` block of a service, or throws naming the manifest key.
 * `root` is the repository the path of a fixes file is read from.
 */
export function liveSettings(
  service: Pick<Service, "name" | "live">,
  manifestFile = "specs/services.yaml",
  { root = process.cwd() }: { root?: string } = {},
): LiveSettings {
  const where = `${manifestFile}: services.${service.name}.live`;
  const live = service.live;
  if (live === undefined)
    return { published: false, note: `${manifestFile} says nothing about a live document for ${service.name} (add a "live" block).` };
  if (!isObject(live)) throw new Error(`${where} must be a map`);
  if (live.published === false) {
    if (typeof live.note !== "string" || live.note.trim() === "") throw new Error(`${where}.note must say why no document is published`);
    return { published: false, note: live.note.trim() };
  }
  if (typeof live.url !== "string" || live.url === "") throw new Error(`${where}.url is missing or not a string`);
  const auth = live.auth ?? "none";
  if (typeof auth !== "string" || !AUTH_KINDS.includes(auth))
    throw new Error(`${where}.auth must be one of ${AUTH_KINDS.join(", ")} (got ${JSON.stringify(auth)})`);
  const volatile = live.volatile ?? [];
  if (!Array.isArray(volatile) || !volatile.every((p): p is string => typeof p === "string" && p.startsWith("$"))) {
    throw new Error(`${where}.volatile must be a list of JSONPath expressions such as "$.info['x-build-date']"`);
  }
  const { fixes, fixesWhere } = loadFixes(live.fixes, `${where}.fixes`, root);
  const checked = fixes.map((fix, i) => checkFix(fix, `${fixesWhere}[${i}]`));
  return {
    published: true,
    url: live.url,
    auth,
    volatile: [...ALWAYS_VOLATILE, ...volatile.filter((p) => !ALWAYS_VOLATILE.includes(p))],
    fixes: checked,
    fixesFile: typeof live.fixes === "string" ? live.fixes : manifestFile,
  };
}

/**
 * The fixes of a `live` block: its list, or the `actions` of the YAML file it
 * names (a path from the repository root). `fixesWhere` names them in messages.
 */
function loadFixes(value: unknown, where: string, root: string): { fixes: unknown[]; fixesWhere: string } {
  if (value === undefined) return { fixes: [], fixesWhere: where };
  if (Array.isArray(value)) return { fixes: value, fixesWhere: where };
  if (typeof value !== "string" || value === "")
    throw new Error(`${where} must be a list of OpenAPI Overlay actions, or the path of a file holding them`);
  let text: string;
  try {
    text = readFileSync(path.resolve(root, value), "utf8");
  } catch (error) {
    throw new Error(`${where}: cannot read ${value} (${(error as { code?: string }).code ?? messageOf(error)})`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new Error(`${value} (named by ${where}) is not valid YAML: ${messageOf(error).split("\n")[0]}`);
  }
  if (!isObject(doc) || !Array.isArray(doc.actions)) throw new Error(`${value} (named by ${where}) must have an "actions" list`);
  return { fixes: doc.actions, fixesWhere: `${value}: actions` };
}

const ACTION_KEYS = ["update", "remove", "copy", "rename", "extract"];

/** Throws naming the fix and the key when a fix is not one action with a reason. */
function checkFix(fix: unknown, at: string): LiveFix {
  if (!isObject(fix)) throw new Error(`${at} must be a map with description, target and one of ${ACTION_KEYS.join(", ")}`);
  if (typeof fix.description !== "string" || fix.description.trim() === "")
    throw new Error(`${at}.description must say why the fix is needed`);
  if (typeof fix.target !== "string" || !fix.target.startsWith("$"))
    throw new Error(`${at}.target must be a JSONPath expression starting with $`);
  const actions = ACTION_KEYS.filter((key) => key in fix);
  if (actions.length !== 1)
    throw new Error(
      `${at} must have exactly one of update, remove (true), copy (a JSONPath), rename (a name) or extract (a component $ref)`,
    );
  if ("remove" in fix && fix.remove !== true) throw new Error(`${at}.remove must be true`);
  if ("copy" in fix && (typeof fix.copy !== "string" || !fix.copy.startsWith("$")))
    throw new Error(`${at}.copy must be a JSONPath expression`);
  if ("rename" in fix && (typeof fix.rename !== "string" || !/^[A-Za-z0-9._-]+$/.test(fix.rename)))
    throw new Error(`${at}.rename must be a component name (letters, digits, ".", "-", "_")`);
  if ("extract" in fix && (typeof fix.extract !== "string" || !/^#\/components\/[A-Za-z]+\/[A-Za-z0-9._-]+$/.test(fix.extract)))
    throw new Error(`${at}.extract must be a component reference such as "#/components/parameters/Page"`);
  // Checked above: a description, a target and one action of the right type.
  return fix as JsonObject as unknown as LiveFix;
}

/** The `{NAME}` placeholders of a URL template. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "");
}

/**
 * Fills `{NAME}` from `lookup(NAME)`; a value's trailing slashes are dropped so
 * `{DSERVER_URL}/doc` never doubles them. Throws naming every missing setting.
 */
export function fillTemplate(template: string, lookup: (name: string) => string | undefined, hint = ""): string {
  const missing = placeholders(template).filter((name) => !lookup(name));
  if (missing.length > 0) throw new Error(`${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} not set${hint}`);
  return template.replace(PLACEHOLDER, (_, name: string) => String(lookup(name)).replace(/\/+$/, ""));
}

/** A URL for messages: user name and password removed. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return url;
  }
}
