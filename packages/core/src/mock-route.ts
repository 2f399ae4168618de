// Where a generated MSW handler listens: under one deployment's base URL, or
// (without one) under any prefix, as `*/route`.

/** What binds generated mock handlers to one deployment. */
export interface MockBinding {
  /**
   * The base URL of the client the handlers answer (e.g. `https://dm.test/data-manager-api`);
   * without it they answer that route under any base URL, so two services' mocks can collide.
   */
  baseURL?: string;
}

/**
 * The MSW path of a generated handler: `route` (as orval writes it, `/project/:projectId`)
 * under `binding.baseURL`, or under any prefix (`*`) when there is none.
 */
export function mockRoute(route: string, binding?: MockBinding): string {
  const baseURL = binding?.baseURL;
  if (baseURL === undefined) return `*${route}`;
  if (typeof baseURL !== "string" || baseURL.trim() === "") {
    throw new TypeError(`mock handlers: baseURL must be the client's base URL, e.g. "https://host/api" (got ${JSON.stringify(baseURL)})`);
  }
  return `${baseURL.replace(/\/+$/, "")}${route}`;
}
