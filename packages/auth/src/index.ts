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
export { jwtExpiry } from "./util.js";
