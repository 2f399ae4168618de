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
  ALLOW_HTTP_VARIABLE,
  defaultSciclientsConfigFile,
  type Env,
  type KeycloakSettingNames,
  type KeycloakSignInChoices,
  keycloakSignIn,
  type ResolvedTransport,
  type ResolveSettingsOptions,
  type SettingName,
  SettingsReader,
} from "./settings.js";
