export {
  defaultTokenFile,
  FileTokenStore,
  type FileTokenStoreOptions,
  userConfigDir,
} from "./file-store.js";
export * from "./index.js";
export { fetchWithAgent, insecureHttpsAgent } from "./insecure.js";
export { canPrompt, type PromptStreams, promptCredentials, promptHidden, promptLine } from "./prompt.js";
export {
  type DserverExplicit,
  type DserverSettings,
  type DssExplicit,
  type DssSettings,
  defaultDtoolConfigFile,
  defaultSciclientsConfigFile,
  ICEPROD_DEFAULTS,
  type IceProdExplicit,
  type IceProdSettings,
  type ResolvedTransport,
  type ResolveSettingsOptions,
  resolveDserverSettings,
  resolveDssSettings,
  resolveIceProdSettings,
  resolveSquonk2Settings,
  type Squonk2Explicit,
  type Squonk2Settings,
} from "./settings.js";
