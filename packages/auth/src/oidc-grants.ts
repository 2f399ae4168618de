// What OpenID sign-in does once a token is needed: openid-client (and
// oauth4webapi under it) loaded, the issuer's configuration discovered, the
// grant requests sent, their answers made into TokenSets and their failures
// into AuthErrors. Loaded by oidc.ts when a provider first needs a token, so
// that an app's first chunk holds only the providers' settings and checks.
// It imports types only (and openid-client and oidc-errors.ts on demand):
// what it uses of the rest of the package is lent by oidc.ts (`lend`), since
// a module it imported would be split out of this chunk into the app's first
// one (esbuild splits by module).
import type {
  Configuration,
  CustomFetch,
  DeviceAuthorizationResponse,
  DiscoveryRequestOptions,
  TokenEndpointResponse,
} from "openid-client";
import type { AuthError } from "./errors.js";
import type { DeviceGrantOptions, DeviceVerification, GrantKit, OidcClientOptions, PasswordCredentials } from "./oidc.js";
import type { TokenSet } from "./store.js";

let kit: GrantKit;
/** Called once by the loader, before anything else here. */
export function lend(given: GrantKit): void {
  kit = given;
}

/** The provider a grant runs for: what oidc.ts's OidcTokenProvider knows. */
export interface GrantHost {
  kind: string;
  issuer: string;
  options: OidcClientOptions;
  /** The provider's secrets (tokens, client secret, password): errors never show them. */
  secrets: () => readonly (string | undefined)[];
  now: () => number;
}

let oidc: typeof import("openid-client");
let loading: Promise<typeof import("openid-client")> | undefined;
function loadOpenIdClient(): Promise<typeof import("openid-client")> {
  const { AuthError } = kit;
  loading ??= import("openid-client").then(
    (module) => {
      oidc = module;
      return module;
    },
    (error: unknown) => {
      loading = undefined;
      throw new AuthError("Could not load openid-client, which OpenID sign-in needs", { code: "configuration", cause: error });
    },
  );
  return loading;
}

/** Converts a token endpoint answer into a TokenSet. */
export function tokenSetFrom(response: TokenEndpointResponse, obtainedAt: number): TokenSet {
  const tokens: TokenSet = {
    accessToken: response.access_token,
    tokenType: response.token_type,
    obtainedAt,
  };
  const expiresAt = kit.expiryOf(obtainedAt, response.expires_in, kit.jwtExpiry(response.access_token));
  if (expiresAt !== undefined) tokens.expiresAt = expiresAt;
  if (response.refresh_token) tokens.refreshToken = response.refresh_token;
  if (response.scope) tokens.scope = response.scope;
  if (response.id_token) tokens.idToken = response.id_token;
  return tokens;
}

/**
 * An AuthError for a failed request to the OpenID provider. `grant` names what an `invalid_grant` refused.
 * The code that reads the library's errors loads on the first failure.
 */
export async function failure(
  host: GrantHost,
  error: unknown,
  what: string,
  grant: string,
  secrets: readonly (string | undefined)[] = [],
): Promise<AuthError> {
  const { AuthError } = kit;
  if (error instanceof AuthError) return error;
  const all = [...host.secrets(), ...secrets];
  let reading: typeof import("./oidc-errors.js");
  try {
    reading = await import("./oidc-errors.js");
  } catch (loadError) {
    return new AuthError(`${what} failed, and the code that explains why could not be loaded`, {
      code: "token_request_failed",
      provider: host.kind,
      service: host.options.service,
      cause: loadError,
      secrets: all,
    });
  }
  const { message, options } = reading.describeOidcFailure(error, {
    provider: host.kind,
    service: host.options.service,
    what,
    issuer: host.issuer,
    clientId: host.options.clientId,
    grant,
    timeoutSeconds: host.options.timeoutSeconds ?? 30,
    secrets: all,
    displayUrl: kit.displayUrl,
  });
  return new AuthError(message, options);
}

/** Reads the issuer's discovery document. */
export async function discover(host: GrantHost): Promise<Configuration> {
  await loadOpenIdClient();
  const { clientId, clientSecret, clientAuthMethod, allowInsecureHttp, fetch, timeoutSeconds } = host.options;
  const auth =
    clientSecret === undefined
      ? oidc.None()
      : clientAuthMethod === "client_secret_basic"
        ? oidc.ClientSecretBasic(clientSecret)
        : oidc.ClientSecretPost(clientSecret);
  const discoveryOptions: DiscoveryRequestOptions = {};
  if (allowInsecureHttp) discoveryOptions.execute = [oidc.allowInsecureRequests];
  if (fetch) discoveryOptions[oidc.customFetch] = fetch as CustomFetch;
  if (timeoutSeconds !== undefined) discoveryOptions.timeout = timeoutSeconds;
  try {
    return await oidc.discovery(new URL(host.issuer), clientId, undefined, auth, discoveryOptions);
  } catch (error) {
    throw await failure(host, error, `Reading the OpenID configuration of ${host.issuer}`, "the request");
  }
}

/** The refresh-token grant. */
export async function refresh(host: GrantHost, config: Configuration, refreshToken: string): Promise<TokenSet> {
  try {
    const response = await oidc.refreshTokenGrant(config, refreshToken);
    return tokenSetFrom(response, host.now());
  } catch (error) {
    throw await failure(host, error, "Refreshing the access token", "the refresh token (it expired, was revoked or was used already)", [
      refreshToken,
    ]);
  }
}

/** What the `credentials` callback of a password grant gave, checked. */
export async function askCredentials(
  host: GrantHost,
  credentials: (() => PasswordCredentials | Promise<PasswordCredentials>) | undefined,
): Promise<PasswordCredentials> {
  const { AuthError } = kit;
  const service = host.options.service;
  let given: PasswordCredentials | undefined;
  try {
    given = await credentials?.();
  } catch (error) {
    if (error instanceof AuthError) throw error;
    throw new AuthError("The `credentials` callback of the password grant failed", {
      code: "no_credentials",
      provider: host.kind,
      service,
      cause: error,
    });
  }
  if (!given?.username || !given.password) {
    throw new AuthError(
      `The \`credentials\` callback of the password grant gave no ${given?.username ? `password for ${given.username}` : "username"}`,
      { code: "no_credentials", provider: host.kind, service, secrets: [given?.password] },
    );
  }
  return given;
}

/** The resource-owner password grant. */
export async function password(
  host: GrantHost,
  config: Configuration,
  scope: Record<string, string>,
  given: PasswordCredentials,
): Promise<TokenSet> {
  const { username, password } = given;
  try {
    const response = await oidc.genericGrantRequest(config, "password", { ...scope, username, password });
    return tokenSetFrom(response, host.now());
  } catch (error) {
    throw await failure(host, error, `Signing in as ${username}`, `the username or password of ${username}`, [password]);
  }
}

/** The client-credentials grant. */
export async function clientCredentials(host: GrantHost, config: Configuration, scope: Record<string, string>): Promise<TokenSet> {
  try {
    const response = await oidc.clientCredentialsGrant(config, scope);
    return tokenSetFrom(response, host.now());
  } catch (error) {
    throw await failure(host, error, `Getting a token for the client ${host.options.clientId}`, `the client ${host.options.clientId}`);
  }
}

/** The device authorization grant: the verification shown through `onVerification`, then polled until signed in. */
export async function device(
  host: GrantHost,
  config: Configuration,
  scope: Record<string, string>,
  options: DeviceGrantOptions & { onVerification: (verification: DeviceVerification) => void | Promise<void> },
): Promise<TokenSet> {
  const { AuthError } = kit;
  const pkce = options.pkce ?? true;
  const verifier = pkce ? oidc.randomPKCECodeVerifier() : undefined;
  const initParameters = { ...scope };
  if (verifier) {
    initParameters.code_challenge = await oidc.calculatePKCECodeChallenge(verifier);
    initParameters.code_challenge_method = "S256";
  }
  const what = "Device sign-in";
  let authorization: DeviceAuthorizationResponse;
  try {
    authorization = await oidc.initiateDeviceAuthorization(config, initParameters);
  } catch (error) {
    throw await failure(host, error, what, "the device sign-in request");
  }
  const verification: DeviceVerification = {
    verificationUri: authorization.verification_uri,
    userCode: authorization.user_code,
    expiresIn: authorization.expires_in,
  };
  if (authorization.verification_uri_complete) verification.verificationUriComplete = authorization.verification_uri_complete;
  await options.onVerification(verification);
  const expiry = AbortSignal.timeout(authorization.expires_in * 1000);
  const signal = options.signal ? AbortSignal.any([options.signal, expiry]) : expiry;
  try {
    const response = await oidc.pollDeviceAuthorizationGrant(config, authorization, verifier ? { code_verifier: verifier } : undefined, {
      signal,
    });
    return tokenSetFrom(response, host.now());
  } catch (error) {
    const service = host.options.service;
    if (options.signal?.aborted) {
      throw new AuthError(`${what} was aborted`, { code: "aborted", provider: host.kind, service });
    }
    if (expiry.aborted) {
      throw new AuthError(`${what} was not completed before the code expired`, { code: "expired", provider: host.kind, service });
    }
    throw await failure(host, error, what, "the device code", [authorization.device_code, verifier]);
  }
}
