// MSW handlers that answer every Dataiku DSS public API operation with faker data, for
// tests and demos. Production code never imports this entry.
export * from "./generated/mocks.js";
