// Raw `paths`, `components` and `operations` types of the dserver (dtool lookup server) API spec
// (openapi-typescript output), for code that wants the OpenAPI shapes themselves.
export type * from "./generated/schema.js";
