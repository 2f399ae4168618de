export * from "./index.js";
export {
  FileTokenStore,
  defaultTokenFile,
  userConfigDir,
  type FileTokenStoreOptions,
} from "./file-store.js";
export { canPrompt, promptCredentials, promptHidden, promptLine, type PromptStreams } from "./prompt.js";
export { fetchWithAgent, insecureHttpsAgent } from "./insecure.js";
export {
  ICEPROD_DEFAULTS,
  defaultDtoolConfigFile,
  defaultSciclientsConfigFile,
  resolveDserverSettings,
  resolveDssSettings,
  resolveIceProdSettings,
  resolveSquonk2Settings,
  type DserverExplicit,
  type DserverSettings,
  type DssExplicit,
  type DssSettings,
  type IceProdExplicit,
  type IceProdSettings,
  type ResolveSettingsOptions,
  type ResolvedTransport,
  type Squonk2Explicit,
  type Squonk2Settings,
} from "./settings.js";
