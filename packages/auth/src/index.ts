export type { AuthProvider, GetAuthHeadersOptions } from "./types.js";
export { attachAuth, redactAxiosError, type AttachAuthOptions } from "./attach.js";
export {
  AuthError,
  isAuthError,
  redactText,
  safeCause,
  type AuthErrorCode,
  type AuthErrorOptions,
  type SafeCause,
} from "./errors.js";
export { staticBearer, type StaticBearerOptions } from "./static.js";
export { apiKey, dssApiKey, type ApiKeyOptions } from "./api-key.js";
export { MemoryTokenStore, parseTokenSet, type TokenSet, type TokenStore } from "./store.js";
export {
  BrowserTokenStore,
  type BroadcastChannelLike,
  type BrowserTokenStoreOptions,
  type LockManagerLike,
  type StorageLike,
} from "./browser-store.js";
export { TokenProvider, isInvalidGrant, type TokenProviderOptions } from "./token-provider.js";
export {
  ClientCredentialsProvider,
  DeviceGrantProvider,
  OidcTokenProvider,
  PasswordGrantProvider,
  RefreshTokenProvider,
  clientCredentials,
  deviceGrant,
  keycloakIssuer,
  passwordGrant,
  printDeviceVerification,
  refreshTokenGrant,
  resolveIssuer,
  type DeviceGrantOptions,
  type DeviceVerification,
  type OidcClientOptions,
  type OidcServerOptions,
  type PasswordCredentials,
  type PasswordGrantOptions,
  type RefreshTokenOptions,
} from "./oidc.js";
export { DserverTokenProvider, dserverTokenGenerator, type DserverTokenGeneratorOptions } from "./dserver.js";
export { jwtExpiry } from "./util.js";
