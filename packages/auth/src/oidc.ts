import type { Configuration } from "openid-client";
import { AuthError } from "./errors.js";
import type { TokenSet } from "./store.js";
import { expiryOf, TokenProvider, type TokenProviderOptions } from "./token-provider.js";
import { displayUrl, jwtExpiry } from "./util.js";

/** What oidc-grants.ts uses of the rest of the package, lent rather than imported (see there). */
const kit = { AuthError, expiryOf, jwtExpiry, displayUrl };
export type GrantKit = typeof kit;

/**
 * The grants themselves (and openid-client, oauth4webapi under it) load when
 * a provider first needs a token, so that apps load them only then, and apps
 * signing in another way never.
 */
let grants: Promise<typeof import("./oidc-grants.js")> | undefined;
function loadGrants(): Promise<typeof import("./oidc-grants.js")> {
  grants ??= import("./oidc-grants.js").then(
    (module) => {
      module.lend(kit);
      return module;
    },
    (error: unknown) => {
      grants = undefined;
      throw new AuthError("Could not load the OpenID sign-in code (a chunk of the app did not load)", {
        code: "configuration",
        cause: error,
      });
    },
  );
  return grants;
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

  /** An AuthError for a failed request to the OpenID provider. `grant` names what an `invalid_grant` refused. */
  protected async failure(error: unknown, what: string, grant: string, secrets: readonly (string | undefined)[] = []): Promise<AuthError> {
    if (error instanceof AuthError) return error;
    const loaded = await loadGrants().catch((loadError: AuthError) => loadError);
    return loaded instanceof AuthError ? loaded : loaded.failure(this.grantHost(), error, what, grant, secrets);
  }

  /**
   * What the grants (oidc-grants.ts) need to know of this provider.
   * @internal Left out of the published declarations, like {@link configuration}.
   */
  protected grantHost(): import("./oidc-grants.js").GrantHost {
    return { kind: this.kind, issuer: this.issuer, options: this.options, secrets: () => this.secrets(), now: this.now };
  }

  /**
   * Runs a grant of oidc-grants.ts with the issuer's configuration.
   * @internal Left out of the published declarations, like {@link configuration}.
   */
  protected async grant<T>(
    run: (grants: typeof import("./oidc-grants.js"), host: import("./oidc-grants.js").GrantHost, config: Configuration) => Promise<T>,
  ): Promise<T> {
    const config = await this.configuration();
    return run(await loadGrants(), this.grantHost(), config);
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
      const config = loadGrants().then((grants) => grants.discover(this.grantHost()));
      this.#config = config;
      // Read again after a failure.
      config.catch(() => {
        if (this.#config === config) this.#config = undefined;
      });
    }
    return this.#config;
  }

  protected scopeParameters(extra?: Record<string, string>): Record<string, string> {
    const parameters: Record<string, string> = { ...extra };
    if (this.options.scope) parameters.scope = this.options.scope;
    return parameters;
  }

  protected override refresh(refreshToken: string): Promise<TokenSet> {
    return this.grant((grants, host, config) => grants.refresh(host, config, refreshToken));
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
    const { username, password, credentials } = this.#passwordOptions;
    if (username && password) return Promise.resolve({ username, password });
    if (!this.#credentials) {
      // Asked once; asked again after a failure.
      const asking = loadGrants().then((grants) => grants.askCredentials(this.grantHost(), credentials));
      this.#credentials = asking;
      asking.catch(() => {
        if (this.#credentials === asking) this.#credentials = undefined;
      });
    }
    return this.#credentials;
  }

  protected override async signIn(): Promise<TokenSet> {
    return this.grant(async (grants, host, config) => grants.password(host, config, this.scopeParameters(), await this.#getCredentials()));
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

  protected override signIn(): Promise<TokenSet> {
    return this.grant((grants, host, config) => grants.clientCredentials(host, config, this.scopeParameters()));
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

  protected override signIn(): Promise<TokenSet> {
    const options = { ...this.#deviceOptions, onVerification: this.#deviceOptions.onVerification ?? printDeviceVerification };
    return this.grant((grants, host, config) => grants.device(host, config, this.scopeParameters(), options));
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
