// Raw `paths`, `components` and `operations` types of the Dataiku DSS public API spec
// (openapi-typescript output), for code that wants the OpenAPI shapes themselves.
export type * from "./generated/schema.js";
