import { AuthError } from "./errors.js";
import type { TokenSet } from "./store.js";
import { TokenProvider, type TokenProviderOptions } from "./token-provider.js";
import { displayUrl, jwtExpiry } from "./util.js";

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
  /** The service these tokens are for (default `"dserver"`); errors carry it as `service`. */
  service?: string;
}

/**
 * dserver's token generator: POST `{username, password}` as JSON, read
 * `{token}`. The generator refuses a sign-in with a status other than
 * `success` and no token, often with HTTP 200: that is `invalid_grant`, as a
 * 401 or 403 is. The JWT's `exp` drives renewal (dserver tokens may live only
 * 15 s); there is no refresh token, so renewal posts the credentials again.
 */
export class DserverTokenProvider extends TokenProvider {
  readonly kind = "dserver-token-generator";
  readonly #options: DserverTokenGeneratorOptions;
  readonly #service: string;
  #credentials: Promise<{ username: string; password: string }> | undefined;

  constructor(options: DserverTokenGeneratorOptions) {
    super(options);
    this.#options = options;
    this.#service = options.service ?? "dserver";
    if (!options.tokenGeneratorUrl) {
      throw new AuthError("The dserver token generator needs `tokenGeneratorUrl`", {
        code: "configuration",
        provider: this.kind,
        service: this.#service,
      });
    }
    if (!options.credentials) {
      const missing = !options.username ? "`username`" : !options.password ? "`password`" : undefined;
      if (missing) {
        throw new AuthError(
          `The dserver token generator has no ${missing}${options.username ? ` for ${options.username}` : ""}: give \`username\` and \`password\`, or a \`credentials\` callback that asks for them`,
          { code: "no_credentials", provider: this.kind, service: this.#service },
        );
      }
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
    if (username && password) return Promise.resolve({ username, password });
    if (!this.#credentials) {
      const service = this.#service;
      this.#credentials = Promise.resolve()
        .then(() => credentials?.() as { username: string; password: string })
        .then((given) => {
          if (!given?.username || !given.password) {
            throw new AuthError(
              `The \`credentials\` callback of the dserver token generator gave no ${given?.username ? `password for ${given.username}` : "username"}`,
              { code: "no_credentials", provider: this.kind, service, secrets: [given?.password] },
            );
          }
          return given;
        })
        .catch((error: unknown) => {
          this.#credentials = undefined;
          throw error instanceof AuthError
            ? error
            : new AuthError("The `credentials` callback of the dserver token generator failed", {
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
    const { username, password } = await this.#getCredentials();
    const fetchImpl = this.#options.fetch ?? globalThis.fetch;
    const url = this.#options.tokenGeneratorUrl;
    const where = displayUrl(url);
    const timeoutSeconds = this.#options.timeoutSeconds ?? 30;
    const base = { provider: this.kind, service: this.#service, secrets: [password] };
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ username, password }),
        signal: AbortSignal.timeout(timeoutSeconds * 1000),
      });
      text = await response.text();
    } catch (error) {
      const name = (error as { name?: unknown } | null)?.name;
      if (name === "TimeoutError") {
        throw new AuthError(
          `Signing in as ${username} failed: no answer from the dserver token generator at ${where} within ${timeoutSeconds} s`,
          {
            ...base,
            code: "timeout",
            cause: error,
          },
        );
      }
      throw new AuthError(`Signing in as ${username} failed: the dserver token generator at ${where} could not be reached`, {
        ...base,
        code: "network_error",
        cause: error,
      });
    }
    const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : undefined;
    const token = record?.token;
    const reported = typeof record?.status === "string" && /^[\w -]{1,40}$/.test(record.status) ? record.status : undefined;
    const refused = `Signing in as ${username} failed: the dserver token generator at ${where} did not accept the username or password`;
    if (response.status === 401 || response.status === 403) {
      throw new AuthError(`${refused} (${status})`, { ...base, code: "invalid_grant", status: response.status });
    }
    if (!response.ok) {
      throw new AuthError(`Signing in as ${username} failed: the dserver token generator at ${where} answered ${status}`, {
        ...base,
        code: "token_request_failed",
        status: response.status,
      });
    }
    if (typeof token === "string" && token !== "") {
      const obtainedAt = this.now();
      const tokens: TokenSet = { accessToken: token, tokenType: "Bearer", obtainedAt };
      const exp = jwtExpiry(token);
      if (exp !== undefined) tokens.expiresAt = exp * 1000;
      return tokens;
    }
    // dserver's generator says "no" with HTTP 200, a status other than "success" and no token.
    if (reported !== undefined && reported !== "success") {
      throw new AuthError(`${refused} (${status}, status "${reported}")`, { ...base, code: "invalid_grant", status: response.status });
    }
    const type = response.headers.get("content-type")?.split(";")[0]?.trim() || "no content type";
    throw new AuthError(
      `Signing in as ${username} failed: the dserver token generator at ${where} answered ${status} with ${record ? "JSON without a token" : type} instead of {"token": ...}`,
      { ...base, code: "invalid_response", status: response.status },
    );
  }
}

export function dserverTokenGenerator(options: DserverTokenGeneratorOptions): DserverTokenProvider {
  return new DserverTokenProvider(options);
}
