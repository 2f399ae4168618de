// Names for operations that have no operationId, derived from method and path
// the way a person would name the function: `GET /users` → `getUsers`,
// `GET /users/{id}` → `getUser`, `POST /users` → `createUser`,
// `GET /users/{id}/groups` → `getUserGroups`,
// `POST /users/{id}/reset-password` → `userResetPassword`.
//
// The rules, in order:
// - A path is read as a list of tokens: its parameters (`{id}`) and the text
//   between them (`users`, `reset-password`, `:cancel` in `{name}:cancel`).
// - The leading tokens every path of the document shares (`/api/v1`,
//   `/admin/realms/{realm}`) are dropped; the text tokens left are the nouns,
//   parameters only mark items. A path with no noun left keeps its last text
//   token (`/admin/realms/{realm}` → `Realm`); a path without any is `Root`.
// - A noun directly followed by a parameter names one item and is made
//   singular (`users/{id}/groups` → `UserGroups`); so is the last noun of a
//   POST (`POST /users` → `createUser`). Other nouns stay as written.
// - Verbs by method: get, create (POST), update (PUT, PATCH), delete; other
//   methods are their own verb (`headUsers`).
// - Action: a POST whose path ends in text right after a parameter, and that
//   text is not a plural noun (`/users/{id}/reset-password`, `/users/{id}/logout`,
//   `/realms/{realm}/logout-all`), is named by its owner nouns followed by the
//   action's words, without a verb: `userResetPassword`, `userLogout`,
//   `logoutAll`. The owner comes first because the action's first word is not
//   always a verb (`client-secret`, `impersonation`).
// - Names are unique: a name already taken, or claimed by an operationId the
//   document gives another operation, falls back to the method itself as verb
//   (`PATCH /users/{id}` after `PUT` → `patchUser`), then to the name orval
//   gives an operation without id (method and every path segment:
//   `patchUsersId`), then to that name numbered. Operations are named in
//   document order, so the result is the same on every run.

import pluralize from "pluralize";
import { orvalCore } from "../generate/orval-tools.ts";
import type { JsonObject } from "../types.ts";
import { operations } from "./walk.ts";

const { camel, pascal, sanitize } = orvalCore();

const VERBS: Record<string, string> = { get: "get", post: "create", put: "update", patch: "update", delete: "delete" };

/** `get /pets/{petId}` → `getPetsPetId`, as orval names an operation without an id. */
export function orvalOperationId(method: string, route: string): string {
  const parts = route.split("/").map((p) => sanitize(p, { dash: true, underscore: "-", dot: "-", whitespace: "-" }));
  return camel(pascal([method, ...parts].join("-")));
}

/** `testSMTPConnection` → `["test", "smtp", "connection"]`; `reset-password` → `["reset", "password"]`. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9\u00DF-\u00FF])([A-Z\u00C0-\u00DE])/g, "$1 $2")
    .replace(/([A-Z\u00C0-\u00DE]+)([A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF])/g, "$1 $2")
    .split(/[^A-Za-z0-9\u00C0-\u017F]+/)
    .filter((w) => w !== "")
    .map((w) => w.toLowerCase());
}

/** A path's tokens: `{ param: true }` for each parameter, `{ param: false, words }` for the text between them (punctuation-only text dropped); `key` compares them. */
type PathToken = { param: true; key: string } | { param: false; key: string; words: string[] };

function tokenise(route: string): PathToken[] {
  const tokens: PathToken[] = [];
  for (const raw of route.match(/\{[^}]*\}|[^{}/]+/g) ?? []) {
    if (raw.startsWith("{")) tokens.push({ param: true, key: "{}" });
    else {
      const w = words(raw);
      if (w.length > 0) tokens.push({ param: false, key: raw, words: w });
    }
  }
  return tokens;
}

/** How many leading tokens all routes share (parameters match parameters, whatever their names). */
export function sharedPrefixLength(routes: string[]): number {
  const all = routes.map(tokenise);
  if (all.length === 0) return 0;
  let n = 0;
  while (all.every((t) => n < t.length && t[n]?.key === all[0]?.[n]?.key)) n++;
  return n;
}

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The words of a noun token, its last word singular when `singular`. */
function noun(token: PathToken | undefined, singular: boolean): string {
  const w = token && !token.param ? [...token.words] : [];
  if (singular && w.length > 0) w[w.length - 1] = pluralize.singular(w.at(-1) ?? "");
  return w.map(capital).join("");
}

/**
 * The names to try for one operation, best first: the derived name, the one
 * with the method as verb (when it differs), orval's name for an operation
 * without id.
 */
export function nameCandidates(method: string, route: string, prefixLength = 0): string[] {
  const m = method.toLowerCase();
  const tokens = tokenise(route);
  let nouns = tokens.map((_t, i) => i).filter((i) => i >= prefixLength && !tokens[i]?.param);
  if (nouns.length === 0) {
    const last = tokens.findLastIndex((t) => !t.param);
    nouns = last === -1 ? [] : [last];
  }
  const lastIndex = tokens.length - 1;
  const final = nouns.at(-1);
  const finalToken = final === undefined ? undefined : tokens[final];
  const finalWords = finalToken && !finalToken.param ? finalToken.words : [];
  const isAction =
    m === "post" &&
    final !== undefined &&
    final === lastIndex &&
    final >= prefixLength &&
    tokens[final - 1]?.param === true &&
    !pluralize.isPlural(finalWords.at(-1) ?? "");
  const singularAt = (i: number) => tokens[i + 1]?.param === true || (m === "post" && i === final);
  const names: string[] = [];
  if (isAction) {
    const owner = nouns.slice(0, -1).map((i) => noun(tokens[i], singularAt(i)));
    const action = finalWords.map(capital);
    names.push(camel([...owner, ...action].join("")), `post${[...owner, ...action].join("")}`);
  } else {
    const phrase = nouns.length === 0 ? "Root" : nouns.map((i) => noun(tokens[i], singularAt(i))).join("");
    names.push(`${VERBS[m] ?? m}${phrase}`, `${m}${phrase}`);
  }
  names.push(orvalOperationId(m, route));
  return [...new Set(names)];
}

/** The function name an operationId becomes (as the preparation turns ids into names), lower case. */
const idName = (id: string) => camel(id.replace(/[^A-Za-z0-9\u00C0-\u017F$]+/g, " ").trim()).toLowerCase();

/**
 * A namer for the operations of `doc` that have no operationId: a function of
 * method, route and the names already given (a set of lower-case names) that
 * gives the first candidate not taken. A name one of the document's own
 * operationIds becomes is never given, so an operation with an id keeps it.
 */
export function operationNamer(doc: JsonObject): (method: string, route: string, taken: Set<string>) => string {
  const found = operations(doc);
  const prefixLength = sharedPrefixLength([...new Set(found.map((o) => o.path))]);
  const claimed = new Set(
    found
      .map((o) => o.op.operationId)
      .filter((id): id is string => typeof id === "string" && id.trim() !== "")
      .map(idName),
  );
  const free = (name: string, taken: Set<string>) => !taken.has(name.toLowerCase()) && !claimed.has(name.toLowerCase());
  return (method, route, taken) => {
    const candidates = nameCandidates(method, route, prefixLength);
    const name = candidates.find((c) => free(c, taken));
    if (name) return name;
    const base = candidates.at(-1) ?? "";
    let n = 2;
    while (!free(`${base}${n}`, taken)) n++;
    return `${base}${n}`;
  };
}
