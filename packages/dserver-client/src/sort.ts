// dserver's `sort` query parameter: one comma-separated value such as `uri,-name`.

/** Fields `/uris`, `/uuids/{uuid}` and the search routes sort by. */
export type DatasetSortField = "base_uri" | "created_at" | "creator_username" | "frozen_at" | "name" | "uri" | "uuid";
/** Fields `/users` sorts by. */
export type UserSortField = "username" | "is_admin";
/** The field `/base-uris` sorts by. */
export type BaseUriSortField = "base_uri";

/** One sort key: the field (ascending), `-field` (descending) or `+field` (ascending, explicitly). */
export type SortKey<Field extends string = string> = Field | `-${Field}` | `+${Field}`;
/** A direction in the object form: `"asc"`/`1` or `"desc"`/`-1`. */
export type SortDirection = "asc" | "desc" | 1 | -1;
/**
 * A sort order: keys in order (`["uri", "-name"]`), an object whose key order
 * is the sort order (`{ uri: "asc", name: "desc" }`), or an already joined
 * value (`"uri,-name"`), passed through after a check (untyped fields only).
 */
export type SortSpec<Field extends string = string> =
  | readonly SortKey<Field>[]
  | Readonly<Partial<Record<Field, SortDirection>>>
  | SortKey<Field>;

const FIELD = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function checkKey(key: string): string {
  const field = key.startsWith("-") || key.startsWith("+") ? key.slice(1) : key;
  if (!FIELD.test(field)) {
    throw new TypeError(`dserver sort: ${JSON.stringify(key)} is not a field name, optionally with a leading "-" or "+"`);
  }
  return key;
}

/**
 * Builds the one comma-separated `sort` value dserver expects:
 * `sortBy(["uri", "-name"])` and `sortBy({ uri: "asc", name: "desc" })` both
 * give `"uri,-name"`. A leading `+` is kept; axios percent-encodes it as `%2B`
 * on the wire, so the server does not read it as a space. Returns `undefined`
 * for an empty order, so the server's default applies.
 *
 * Type the fields to have them checked: `sortBy<DatasetSortField>(["-frozen_at"])`.
 */
export function sortBy<Field extends string = string>(spec: SortSpec<Field> | undefined): string | undefined {
  if (spec === undefined) return undefined;
  let keys: string[];
  if (typeof spec === "string") {
    keys = spec === "" ? [] : spec.split(",");
  } else if (Array.isArray(spec)) {
    keys = [...(spec as readonly string[])];
  } else {
    keys = [];
    for (const [field, direction] of Object.entries(spec as Record<string, SortDirection | undefined>)) {
      if (direction === undefined) continue;
      if (direction === "asc" || direction === 1) keys.push(field);
      else if (direction === "desc" || direction === -1) keys.push(`-${field}`);
      else
        throw new TypeError(`dserver sort: the direction of "${field}" must be "asc", "desc", 1 or -1 (got ${JSON.stringify(direction)})`);
    }
  }
  const value = keys.map((key) => checkKey(key.trim())).join(",");
  return value === "" ? undefined : value;
}
