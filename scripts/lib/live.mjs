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
//
//   live:
//     published: false
//     note: Why there is no document to fetch.

export const AUTH_KINDS = ["none", "dserver", "data-manager", "account-server", "dss", "iceprod"];
/** Dropped from every fetched document: the address of the deployment it was fetched from. */
export const ALWAYS_VOLATILE = ["$.servers"];
const PLACEHOLDER = /\{([A-Z][A-Z0-9_]*)\}/g;

/**
 * The validated `live` block of a service, or throws naming the manifest key.
 * @returns {{ published: false, note: string } | { published: true, url: string, auth: string, volatile: string[], fixes: object[] }}
 */
export function liveSettings(service, manifestFile = "specs/services.yaml") {
  const where = `${manifestFile}: services.${service.name}.live`;
  const live = service.live;
  if (live === undefined)
    return { published: false, note: `${manifestFile} says nothing about a live document for ${service.name} (add a "live" block).` };
  if (live === null || typeof live !== "object" || Array.isArray(live)) throw new Error(`${where} must be a map`);
  if (live.published === false) {
    if (typeof live.note !== "string" || live.note.trim() === "") throw new Error(`${where}.note must say why no document is published`);
    return { published: false, note: live.note.trim() };
  }
  if (typeof live.url !== "string" || live.url === "") throw new Error(`${where}.url is missing or not a string`);
  const auth = live.auth ?? "none";
  if (!AUTH_KINDS.includes(auth)) throw new Error(`${where}.auth must be one of ${AUTH_KINDS.join(", ")} (got ${JSON.stringify(auth)})`);
  const volatile = live.volatile ?? [];
  if (!Array.isArray(volatile) || volatile.some((p) => typeof p !== "string" || !p.startsWith("$"))) {
    throw new Error(`${where}.volatile must be a list of JSONPath expressions such as "$.info['x-build-date']"`);
  }
  const fixes = live.fixes ?? [];
  if (!Array.isArray(fixes)) throw new Error(`${where}.fixes must be a list of OpenAPI Overlay actions`);
  fixes.forEach((fix, i) => {
    const at = `${where}.fixes[${i}]`;
    if (fix === null || typeof fix !== "object" || Array.isArray(fix))
      throw new Error(`${at} must be a map with description, target and update, remove or copy`);
    if (typeof fix.description !== "string" || fix.description.trim() === "")
      throw new Error(`${at}.description must say why the fix is needed`);
    if (typeof fix.target !== "string" || !fix.target.startsWith("$"))
      throw new Error(`${at}.target must be a JSONPath expression starting with $`);
    const actions = ["update", "remove", "copy"].filter((key) => key in fix);
    if (actions.length !== 1) throw new Error(`${at} must have exactly one of update, remove (true) or copy (a JSONPath)`);
    if ("remove" in fix && fix.remove !== true) throw new Error(`${at}.remove must be true`);
    if ("copy" in fix && (typeof fix.copy !== "string" || !fix.copy.startsWith("$")))
      throw new Error(`${at}.copy must be a JSONPath expression`);
  });
  return {
    published: true,
    url: live.url,
    auth,
    volatile: [...ALWAYS_VOLATILE, ...volatile.filter((p) => !ALWAYS_VOLATILE.includes(p))],
    fixes,
  };
}

/** The `{NAME}` placeholders of a URL template. */
export function placeholders(template) {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/**
 * Fills `{NAME}` from `lookup(NAME)`; a value's trailing slashes are dropped so
 * `{DSERVER_URL}/doc` never doubles them. Throws naming every missing setting.
 */
export function fillTemplate(template, lookup, hint = "") {
  const missing = placeholders(template).filter((name) => !lookup(name));
  if (missing.length > 0) throw new Error(`${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} not set${hint}`);
  return template.replace(PLACEHOLDER, (_, name) => String(lookup(name)).replace(/\/+$/, ""));
}

/** A URL for messages: user name and password removed. */
export function displayUrl(url) {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return url;
  }
}
