export type { CredentialsProvider, CredentialsRequest } from "@sciclients/core";
export { type ApiKeyOptions, apiKey, dssApiKey } from "./api-key.js";
export { type AttachAuthOptions, attachAuth, redactAxiosError } from "./attach.js";
export {
  type BroadcastChannelLike,
  BrowserTokenStore,
  type BrowserTokenStoreOptions,
  type LockManagerLike,
  type StorageLike,
} from "./browser-store.js";
export { type DserverTokenGeneratorOptions, DserverTokenProvider, dserverTokenGenerator } from "./dserver.js";
export {
  AuthError,
  type AuthErrorCode,
  type AuthErrorOptions,
  isAuthError,
  redactText,
  type SafeCause,
  safeCause,
} from "./errors.js";
export {
  ClientCredentialsProvider,
  clientCredentials,
  type DeviceGrantOptions,
  DeviceGrantProvider,
  type DeviceVerification,
  deviceGrant,
  keycloakIssuer,
  type OidcClientOptions,
  type OidcServerOptions,
  OidcTokenProvider,
  type PasswordCredentials,
  type PasswordGrantOptions,
  PasswordGrantProvider,
  passwordGrant,
  printDeviceVerification,
  type RefreshTokenOptions,
  RefreshTokenProvider,
  refreshTokenGrant,
  resolveIssuer,
} from "./oidc.js";
export { type StaticBearerOptions, staticBearer } from "./static.js";
export { MemoryTokenStore, parseTokenSet, type TokenSet, type TokenStore } from "./store.js";
export { isInvalidGrant, TokenProvider, type TokenProviderOptions } from "./token-provider.js";
export type { AuthProvider, GetAuthHeadersOptions } from "./types.js";
export { jwtExpiry } from "./util.js";
export { warnOnce } from "./warnings.js";
