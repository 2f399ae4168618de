import { AuthError } from "./errors.js";
import type { TokenSet } from "./store.js";
import { TokenProvider, type TokenProviderOptions } from "./token-provider.js";
import { jwtExpiry } from "./util.js";

export interface DserverTokenGeneratorOptions extends TokenProviderOptions {
  /** The token generator's URL, including its path (e.g. `https://dserver.example.org:5001/token`). */
  tokenGeneratorUrl: string;
  username?: string;
  password?: string;
  /** Asked for the username and password when they are not given (e.g. an interactive prompt). Called once per provider. */
  credentials?: () => { username: string; password: string } | Promise<{ username: string; password: string }>;
  /** A fetch implementation (e.g. one that skips TLS verification in Node). */
  fetch?: typeof globalThis.fetch;
  /** Timeout of each token request in seconds (default 30). */
  timeoutSeconds?: number;
}

/**
 * dserver's token generator: POST `{username, password}` as JSON, read
 * `{token}`. An answer without a token fails even with HTTP 200. The JWT's
 * `exp` drives renewal (dserver tokens may live only 15 s); there is no
 * refresh token, so renewal posts the credentials again.
 */
export class DserverTokenProvider extends TokenProvider {
  readonly kind = "dserver-token-generator";
  readonly #options: DserverTokenGeneratorOptions;
  #credentials: Promise<{ username: string; password: string }> | undefined;

  constructor(options: DserverTokenGeneratorOptions) {
    super(options);
    this.#options = options;
    if (!options.tokenGeneratorUrl) {
      throw new AuthError("`tokenGeneratorUrl` is needed", { code: "configuration", provider: this.kind });
    }
    if (!options.credentials && (!options.username || options.password === undefined)) {
      throw new AuthError("The dserver token generator needs `username` and `password`, or a `credentials` callback", {
        code: "configuration",
        provider: this.kind,
      });
    }
  }

  protected override ownSecrets(): (string | undefined)[] {
    return [this.#options.password];
  }

  protected override defaultStoreKey(): string {
    return `dserver:${this.#options.tokenGeneratorUrl}:${this.#options.username ?? "prompt"}`;
  }

  #getCredentials(): Promise<{ username: string; password: string }> {
    const { username, password, credentials } = this.#options;
    if (username && password !== undefined) return Promise.resolve({ username, password });
    if (!this.#credentials) {
      this.#credentials = Promise.resolve()
        .then(() => credentials?.() as { username: string; password: string })
        .catch((error: unknown) => {
          this.#credentials = undefined;
          throw error instanceof AuthError
            ? error
            : new AuthError("Could not get a username and password", { code: "configuration", provider: this.kind, cause: error });
        });
    }
    return this.#credentials;
  }

  protected override async signIn(): Promise<TokenSet> {
    const { username, password } = await this.#getCredentials();
    const secrets = [password];
    const fetchImpl = this.#options.fetch ?? globalThis.fetch;
    const url = this.#options.tokenGeneratorUrl;
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ username, password }),
        signal: AbortSignal.timeout((this.#options.timeoutSeconds ?? 30) * 1000),
      });
    } catch (error) {
      throw new AuthError(`The dserver token generator at ${url} could not be reached`, {
        code: "network_error",
        provider: this.kind,
        cause: error,
        secrets,
      });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    const token = record.token;
    if (!response.ok) {
      throw new AuthError(`The dserver token generator refused the sign-in of ${username} (HTTP ${response.status})`, {
        code: response.status === 401 || response.status === 403 ? "invalid_grant" : "token_request_failed",
        provider: this.kind,
        status: response.status,
        secrets,
      });
    }
    if (typeof token !== "string" || token === "") {
      const status = typeof record.status === "string" && record.status.length < 40 ? ` (status "${record.status}")` : "";
      throw new AuthError(`The dserver token generator answered without a token for ${username}${status}`, {
        code: "invalid_token_response",
        provider: this.kind,
        status: response.status,
        secrets,
      });
    }
    const obtainedAt = this.now();
    const tokens: TokenSet = { accessToken: token, tokenType: "Bearer", obtainedAt };
    const exp = jwtExpiry(token);
    if (exp !== undefined) tokens.expiresAt = exp * 1000;
    return tokens;
  }
}

export function dserverTokenGenerator(options: DserverTokenGeneratorOptions): DserverTokenProvider {
  return new DserverTokenProvider(options);
}
