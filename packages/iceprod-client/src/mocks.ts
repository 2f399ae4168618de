// MSW handlers that answer every IceProd REST API operation with faker data, for
// tests and demos. Production code never imports this entry.
export * from "./generated/mocks.js";
