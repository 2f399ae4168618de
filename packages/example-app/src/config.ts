// Where the app's clients point. By default every base URL is a made-up host
// under `.example` (a name that never resolves), answered in the browser by
// MSW's service worker. With VITE_SCICLIENTS_LIVE=1 the base URLs come from
// the VITE_*_URL variables instead and requests go to those servers.

/** One deployment of one service: what the page calls it and where it is. */
export interface Deployment {
  /** Shown on the page, e.g. "Data Manager (site A)". */
  label: string;
  baseURL: string;
}

export interface AppConfig {
  /** true: real servers; false: MSW answers with the packages' mocks. */
  live: boolean;
  /** Two deployments of the Data Manager, shown side by side. */
  dataManager: [Deployment, Deployment];
  accountServer: Deployment;
  dss: Deployment;
  dserver: Deployment;
}

/** The mock deployments: fixed, so the end-to-end test knows what each list must show. */
export const MOCK_CONFIG: AppConfig = {
  live: false,
  dataManager: [
    { label: "Data Manager (site A)", baseURL: "https://squonk.site-a.example/data-manager-api" },
    { label: "Data Manager (site B)", baseURL: "https://squonk.site-b.example/data-manager-api" },
  ],
  accountServer: { label: "Account Server", baseURL: "https://squonk.site-a.example/account-server-api" },
  dss: { label: "Dataiku DSS", baseURL: "https://dss.site-a.example/public/api" },
  dserver: { label: "dserver", baseURL: "https://dserver.site-a.example" },
};

type Env = Record<string, string | boolean | undefined>;

function required(env: Env, name: string, what: string): string {
  const value = env[name];
  if (typeof value !== "string" || value.trim() === "") {
    throw new Error(`VITE_SCICLIENTS_LIVE=1: set ${name} to the base URL of ${what} (in .env.local or the environment)`);
  }
  return value.trim();
}

/** The configuration the build was made with (Vite replaces `import.meta.env` at build time). */
export function readConfig(env: Env = import.meta.env): AppConfig {
  if (env.VITE_SCICLIENTS_LIVE !== "1") return MOCK_CONFIG;
  return {
    live: true,
    dataManager: [
      { label: "Data Manager", baseURL: required(env, "VITE_DM_URL", "a Data Manager API") },
      { label: "Data Manager (second)", baseURL: required(env, "VITE_DM2_URL", "a second Data Manager API") },
    ],
    accountServer: { label: "Account Server", baseURL: required(env, "VITE_AS_URL", "an Account Server API") },
    dss: { label: "Dataiku DSS", baseURL: required(env, "VITE_DSS_URL", "a Dataiku DSS public API") },
    dserver: { label: "dserver", baseURL: required(env, "VITE_DSERVER_URL", "a dserver") },
  };
}
