// Raw `paths`, `components` and `operations` types of the Account Server spec, for
// code that wants the OpenAPI shapes themselves (openapi-typescript output).
export type * from "./generated/schema.js";
