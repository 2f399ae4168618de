import type {
  Configuration,
  CustomFetch,
  DeviceAuthorizationResponse,
  DiscoveryRequestOptions,
  TokenEndpointResponse,
} from "openid-client";
import { AuthError } from "./errors.js";
import type { TokenSet } from "./store.js";
import { expiryOf, TokenProvider, type TokenProviderOptions } from "./token-provider.js";
import { displayUrl, jwtExpiry } from "./util.js";

/**
 * openid-client (and oauth4webapi under it) load when a grant first needs the
 * OpenID provider, so that apps signing in another way never load them.
 */
let oidc: typeof import("openid-client");
let loading: Promise<typeof import("openid-client")> | undefined;
function loadOpenIdClient(): Promise<typeof import("openid-client")> {
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

/** Where the OpenID provider is: an issuer URL, or a Keycloak server URL and realm. */
export interface OidcServerOptions {
  /** Issuer URL; its `/.well-known/openid-configuration` is read for the endpoints. */
  issuer?: string;
  /** Keycloak base URL, e.g. `https://sso.example.org` (or `https://host/auth` for Keycloak before 17). Used with `realm`. */
  keycloakUrl?: string;
  /** Keycloak realm. Used with `keycloakUrl`. */
  realm?: string;
}

export interface OidcClientOptions extends OidcServerOptions, TokenProviderOptions {
  clientId: string;
  /** For confidential clients. Sent as `client_secret_post` unless `clientAuthMethod` says otherwise. */
  clientSecret?: string;
  clientAuthMethod?: "client_secret_post" | "client_secret_basic";
  /** Space-separated scopes. */
  scope?: string;
  /** Allow `http://` issuers and endpoints (local development and tests only). */
  allowInsecureHttp?: boolean;
  /** A fetch implementation for every request to the OpenID provider (e.g. one that skips TLS verification in Node). */
  fetch?: typeof globalThis.fetch;
  /** Timeout of each request to the OpenID provider, in seconds (default 30). */
  timeoutSeconds?: number;
  /** The service these tokens are for (e.g. `"data-manager"`); errors carry it as `service`. */
  service?: string;
}

/** The issuer URL of a Keycloak realm. */
export function keycloakIssuer(keycloakUrl: string, realm: string): string {
  return `${keycloakUrl.replace(/\/+$/, "")}/realms/${encodeURIComponent(realm)}`;
}

/** The issuer URL from either `issuer` or `keycloakUrl` + `realm`. */
export function resolveIssuer(options: OidcServerOptions, provider = "oidc"): string {
  if (options.issuer) return options.issuer.replace(/\/+$/, "");
  if (options.keycloakUrl && options.realm) return keycloakIssuer(options.keycloakUrl, options.realm);
  throw new AuthError("An OpenID provider is needed: give `issuer`, or `keycloakUrl` and `realm`", {
    code: "configuration",
    provider,
  });
}

/** Converts a token endpoint answer into a TokenSet. */
export function tokenSetFrom(response: TokenEndpointResponse, obtainedAt: number): TokenSet {
  const tokens: TokenSet = {
    accessToken: response.access_token,
    tokenType: response.token_type,
    obtainedAt,
  };
  const expiresAt = expiryOf(obtainedAt, response.expires_in, jwtExpiry(response.access_token));
  if (expiresAt !== undefined) tokens.expiresAt = expiresAt;
  if (response.refresh_token) tokens.refreshToken = response.refresh_token;
  if (response.scope) tokens.scope = response.scope;
  if (response.id_token) tokens.idToken = response.id_token;
  return tokens;
}

/** Base of the providers that talk to an OpenID provider through openid-client. */
export abstract class OidcTokenProvider extends TokenProvider {
  readonly issuer: string;
  protected readonly options: OidcClientOptions;
  #config: Promise<Configuration> | undefined;

  protected constructor(options: OidcClientOptions, kind: string) {
    super(options);
    this.options = options;
    this.issuer = resolveIssuer(options, kind);
    if (!options.clientId) {
      throw new AuthError("The OpenID client needs `clientId`", { code: "configuration", provider: kind, service: options.service });
    }
  }

  /**
   * An AuthError for a failed request to the OpenID provider. `grant` names what an `invalid_grant` refused.
   * The code that reads the library's errors loads on the first failure, like openid-client on the first sign-in.
   */
  protected async failure(error: unknown, what: string, grant: string, secrets: readonly (string | undefined)[] = []): Promise<AuthError> {
    if (error instanceof AuthError) return error;
    const all = [...this.secrets(), ...secrets];
    let reading: typeof import("./oidc-errors.js");
    try {
      reading = await import("./oidc-errors.js");
    } catch (loadError) {
      return new AuthError(`${what} failed, and the code that explains why could not be loaded`, {
        code: "token_request_failed",
        provider: this.kind,
        service: this.options.service,
        cause: loadError,
        secrets: all,
      });
    }
    const { message, options } = reading.describeOidcFailure(error, {
      provider: this.kind,
      service: this.options.service,
      what,
      issuer: this.issuer,
      clientId: this.options.clientId,
      grant,
      timeoutSeconds: this.options.timeoutSeconds ?? 30,
      secrets: all,
      displayUrl,
    });
    return new AuthError(message, options);
  }

  /** The OpenID client these tokens belong to (not a secret): what a refresh of them needs besides the issuer. */
  get clientId(): string {
    return this.options.clientId;
  }

  protected defaultStoreKey(): string {
    return `oidc:${this.issuer}:${this.options.clientId}`;
  }

  protected override ownSecrets(): (string | undefined)[] {
    return [this.options.clientSecret];
  }

  /**
   * Reads the issuer's discovery document once (again after a failure).
   * @internal Left out of the published declarations (`stripInternal`): its
   * openid-client type would make them import the ESM-only openid-client,
   * which CommonJS projects type-checked with `node16` resolution cannot load.
   */
  protected configuration(): Promise<Configuration> {
    if (!this.#config) {
      this.#config = loadOpenIdClient().then(
        () => this.#discover(),
        (error: unknown) => {
          this.#config = undefined;
          throw error;
        },
      );
    }
    return this.#config;
  }

  #discover(): Promise<Configuration> {
    const { clientId, clientSecret, clientAuthMethod, allowInsecureHttp, fetch, timeoutSeconds } = this.options;
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
    return oidc.discovery(new URL(this.issuer), clientId, undefined, auth, discoveryOptions).catch(async (error: unknown) => {
      this.#config = undefined;
      throw await this.failure(error, `Reading the OpenID configuration of ${this.issuer}`, "the request");
    });
  }

  protected scopeParameters(extra?: Record<string, string>): Record<string, string> {
    const parameters: Record<string, string> = { ...extra };
    if (this.options.scope) parameters.scope = this.options.scope;
    return parameters;
  }

  protected override async refresh(refreshToken: string): Promise<TokenSet> {
    const config = await this.configuration();
    try {
      const response = await oidc.refreshTokenGrant(config, refreshToken);
      return tokenSetFrom(response, this.now());
    } catch (error) {
      throw await this.failure(error, "Refreshing the access token", "the refresh token (it expired, was revoked or was used already)", [
        refreshToken,
      ]);
    }
  }
}

// ---------------------------------------------------------------- password

export interface PasswordCredentials {
  username: string;
  password: string;
}

export interface PasswordGrantOptions extends OidcClientOptions {
  username?: string;
  password?: string;
  /** Asked for the username and password when `username`/`password` are not given (e.g. an interactive prompt). Called at most once per provider. */
  credentials?: () => PasswordCredentials | Promise<PasswordCredentials>;
}

/**
 * OIDC resource-owner password grant (what Squonk2's `Auth.get_access_token`
 * does against Keycloak). Uses the refresh token when the server gave one and
 * the password again otherwise.
 */
export class PasswordGrantProvider extends OidcTokenProvider {
  readonly kind = "password";
  #credentials: Promise<PasswordCredentials> | undefined;
  readonly #passwordOptions: PasswordGrantOptions;

  constructor(options: PasswordGrantOptions) {
    super(options, "password");
    this.#passwordOptions = options;
    if (!options.credentials) {
      const missing = !options.username ? "`username`" : !options.password ? "`password`" : undefined;
      if (missing) {
        throw new AuthError(
          `The password grant has no ${missing}${options.username ? ` for ${options.username}` : ""}: give \`username\` and \`password\`, or a \`credentials\` callback that asks for them`,
          { code: "no_credentials", provider: "password", service: options.service },
        );
      }
    }
  }

  protected override defaultStoreKey(): string {
    return `${super.defaultStoreKey()}:${this.#passwordOptions.username ?? "prompt"}`;
  }

  protected override ownSecrets(): (string | undefined)[] {
    return [...super.ownSecrets(), this.#passwordOptions.password];
  }

  #getCredentials(): Promise<PasswordCredentials> {
    const { username, password, credentials, service } = this.#passwordOptions;
    if (username && password) return Promise.resolve({ username, password });
    if (!this.#credentials) {
      this.#credentials = Promise.resolve()
        .then(() => credentials?.() as PasswordCredentials | Promise<PasswordCredentials>)
        .then((given) => {
          if (!given?.username || !given.password) {
            throw new AuthError(
              `The \`credentials\` callback of the password grant gave no ${given?.username ? `password for ${given.username}` : "username"}`,
              { code: "no_credentials", provider: this.kind, service, secrets: [given?.password] },
            );
          }
          return given;
        })
        .catch((error: unknown) => {
          this.#credentials = undefined;
          throw error instanceof AuthError
            ? error
            : new AuthError("The `credentials` callback of the password grant failed", {
                code: "no_credentials",
                provider: this.kind,
                service,
                cause: error,
              });
        });
    }
    return this.#credentials;
  }

  protected override async signIn(): Promise<TokenSet> {
    const config = await this.configuration();
    const { username, password } = await this.#getCredentials();
    try {
      const response = await oidc.genericGrantRequest(config, "password", this.scopeParameters({ username, password }));
      return tokenSetFrom(response, this.now());
    } catch (error) {
      throw await this.failure(error, `Signing in as ${username}`, `the username or password of ${username}`, [password]);
    }
  }
}

export function passwordGrant(options: PasswordGrantOptions): PasswordGrantProvider {
  return new PasswordGrantProvider(options);
}

// ---------------------------------------------------------------- client credentials

/** Client-credentials grant, for service accounts. */
export class ClientCredentialsProvider extends OidcTokenProvider {
  readonly kind = "client-credentials";

  constructor(options: OidcClientOptions & { clientSecret: string }) {
    super(options, "client-credentials");
    if (!options.clientSecret) {
      throw new AuthError(`The client-credentials grant of ${options.clientId} has no \`clientSecret\`: give the client's secret`, {
        code: "no_credentials",
        provider: this.kind,
        service: options.service,
      });
    }
  }

  protected override async signIn(): Promise<TokenSet> {
    const config = await this.configuration();
    try {
      const response = await oidc.clientCredentialsGrant(config, this.scopeParameters());
      return tokenSetFrom(response, this.now());
    } catch (error) {
      throw await this.failure(error, `Getting a token for the client ${this.options.clientId}`, `the client ${this.options.clientId}`);
    }
  }
}

export function clientCredentials(options: OidcClientOptions & { clientSecret: string }): ClientCredentialsProvider {
  return new ClientCredentialsProvider(options);
}

// ---------------------------------------------------------------- refresh token given by the caller

export interface RefreshTokenOptions extends OidcClientOptions {
  /** The refresh token to start from (used only when the store holds none). */
  refreshToken: string;
}

/**
 * Starts from a refresh token the caller already has (e.g. from a web sign-in
 * with `offline_access`). Rotated refresh tokens are kept in the store. When
 * the refresh token is refused, requests fail with `AuthError` (`invalid_grant`):
 * this provider has no sign-in of its own.
 */
export class RefreshTokenProvider extends OidcTokenProvider {
  readonly kind = "refresh-token";
  readonly #initial: string;
  #initialUsed = false;

  constructor(options: RefreshTokenOptions) {
    super(options, "refresh-token");
    if (!options.refreshToken) {
      throw new AuthError("The refresh-token grant has no `refreshToken`: give the refresh token from an earlier sign-in", {
        code: "no_credentials",
        provider: this.kind,
        service: options.service,
      });
    }
    this.#initial = options.refreshToken;
  }

  protected override async signIn(): Promise<TokenSet> {
    if (this.#initialUsed) {
      throw new AuthError("The refresh token was refused; sign in again to get a new one", {
        code: "invalid_grant",
        provider: this.kind,
        service: this.options.service,
      });
    }
    this.#initialUsed = true;
    try {
      return await this.refresh(this.#initial);
    } catch (error) {
      if (error instanceof AuthError && error.code === "invalid_grant") {
        throw new AuthError(`The refresh token was refused by ${this.issuer} (HTTP ${error.status}); sign in again to get a new one`, {
          code: "invalid_grant",
          provider: this.kind,
          service: this.options.service,
          status: error.status,
          oauthError: error.oauthError,
          cause: error,
        });
      }
      this.#initialUsed = false;
      throw error;
    }
  }
}

export function refreshTokenGrant(options: RefreshTokenOptions): RefreshTokenProvider {
  return new RefreshTokenProvider(options);
}

// ---------------------------------------------------------------- device authorization grant

export interface DeviceVerification {
  /** Where the user signs in. */
  verificationUri: string;
  /** The same with the code filled in, when the server gives one. */
  verificationUriComplete?: string;
  userCode: string;
  /** Seconds until the code expires. */
  expiresIn: number;
}

export interface DeviceGrantOptions extends OidcClientOptions {
  /** Shows the user where to sign in. Default: prints to stderr (console.error). */
  onVerification?: (verification: DeviceVerification) => void | Promise<void>;
  /** Aborts a sign-in in progress (polling stops, the request fails with `AuthError` `aborted`). */
  signal?: AbortSignal;
  /** Send a PKCE S256 challenge with the device request and the verifier with the polls (default true). */
  pkce?: boolean;
}

export function printDeviceVerification(verification: DeviceVerification): void {
  const link = verification.verificationUriComplete ?? verification.verificationUri;
  console.error(
    `To sign in, open ${link} and enter the code ${verification.userCode} (valid for ${Math.round(verification.expiresIn / 60)} minutes).`,
  );
}

/**
 * OAuth 2.0 device authorization grant (RFC 8628) with PKCE S256 and
 * `offline_access`, like IceProd's `SavedDeviceGrantAuth`: shows a
 * verification URI and user code, polls honouring `interval`, `slow_down` and
 * the code's expiry, keeps the refresh token in the store, reuses it on the
 * next run, and signs in again when the saved refresh token is refused.
 */
export class DeviceGrantProvider extends OidcTokenProvider {
  readonly kind = "device";
  readonly #deviceOptions: DeviceGrantOptions;

  constructor(options: DeviceGrantOptions) {
    super({ ...options, scope: withOfflineAccess(options.scope) }, "device");
    this.#deviceOptions = options;
  }

  protected override async signIn(): Promise<TokenSet> {
    const config = await this.configuration();
    const pkce = this.#deviceOptions.pkce ?? true;
    const verifier = pkce ? oidc.randomPKCECodeVerifier() : undefined;
    const initParameters = this.scopeParameters();
    if (verifier) {
      initParameters.code_challenge = await oidc.calculatePKCECodeChallenge(verifier);
      initParameters.code_challenge_method = "S256";
    }
    const what = "Device sign-in";
    let authorization: DeviceAuthorizationResponse;
    try {
      authorization = await oidc.initiateDeviceAuthorization(config, initParameters);
    } catch (error) {
      throw await this.failure(error, what, "the device sign-in request");
    }
    const verification: DeviceVerification = {
      verificationUri: authorization.verification_uri,
      userCode: authorization.user_code,
      expiresIn: authorization.expires_in,
    };
    if (authorization.verification_uri_complete) verification.verificationUriComplete = authorization.verification_uri_complete;
    await (this.#deviceOptions.onVerification ?? printDeviceVerification)(verification);
    const expiry = AbortSignal.timeout(authorization.expires_in * 1000);
    const signal = this.#deviceOptions.signal ? AbortSignal.any([this.#deviceOptions.signal, expiry]) : expiry;
    try {
      const response = await oidc.pollDeviceAuthorizationGrant(config, authorization, verifier ? { code_verifier: verifier } : undefined, {
        signal,
      });
      return tokenSetFrom(response, this.now());
    } catch (error) {
      const service = this.options.service;
      if (this.#deviceOptions.signal?.aborted) {
        throw new AuthError(`${what} was aborted`, { code: "aborted", provider: this.kind, service });
      }
      if (expiry.aborted) {
        throw new AuthError(`${what} was not completed before the code expired`, { code: "expired", provider: this.kind, service });
      }
      throw await this.failure(error, what, "the device code", [authorization.device_code, verifier]);
    }
  }
}

function withOfflineAccess(scope: string | undefined): string {
  const scopes = new Set((scope ?? "openid").split(/\s+/).filter(Boolean));
  scopes.add("offline_access");
  return [...scopes].join(" ");
}

export function deviceGrant(options: DeviceGrantOptions): DeviceGrantProvider {
  return new DeviceGrantProvider(options);
}
