// A service's client from its saved sign-in: the tokens `sciclients login`
// kept, renewed through the refresh token where the grant gave one, sent only
// to the address recorded at sign-in.
import {
  AuthError,
  type AuthProvider,
  apiKey,
  FileTokenStore,
  fetchWithAgent,
  insecureHttpsAgent,
  OidcTokenProvider,
  TokenProvider,
  type TokenSet,
  type TokenStore,
} from "@sciclients/auth/node";
import type { CredentialsRequest, ServiceClient } from "@sciclients/core";
import type { ServiceEntry } from "../catalogue-types.js";
import type { SignIn } from "./sign-ins.js";

function signInAgain(service: string, why: string): AuthError {
  return new AuthError(`${service}: ${why}; run \`sciclients login ${service}\` again`, { code: "invalid_grant", service });
}

/** Password and device sign-ins: the saved tokens, refreshed at the recorded issuer and client; never a new sign-in. */
class SavedOidcSignIn extends OidcTokenProvider {
  readonly kind = "saved-sign-in";

  constructor(signIn: SignIn, store: TokenStore, fetch: typeof globalThis.fetch | undefined) {
    super(
      {
        issuer: signIn.issuer,
        clientId: signIn.clientId ?? "",
        store,
        storeKey: signIn.storeKey,
        service: signIn.service,
        // An http issuer was allowed when the sign-in was made (SCICLIENTS_ALLOW_HTTP); its refreshes go to the same place.
        allowInsecureHttp: signIn.issuer?.startsWith("http:") === true,
        ...(fetch ? { fetch } : {}),
      },
      "saved-sign-in",
    );
  }

  protected override signIn(): Promise<TokenSet> {
    return Promise.reject(signInAgain(this.options.service ?? "", "the saved sign-in has expired and cannot be renewed"));
  }
}

/** dserver's token: used until it expires (its generator gives no refresh token). */
class SavedToken extends TokenProvider {
  readonly kind = "saved-token";
  readonly #signIn: SignIn;

  constructor(signIn: SignIn, store: TokenStore) {
    super({ store, storeKey: signIn.storeKey });
    this.#signIn = signIn;
  }

  protected override defaultStoreKey(): string {
    return this.#signIn.storeKey;
  }

  protected override signIn(): Promise<TokenSet> {
    return Promise.reject(
      signInAgain(this.#signIn.service, "the saved token has expired (or is about to), and dserver tokens cannot be renewed"),
    );
  }
}

/** DSS: the saved key, sent the way it was at sign-in. */
function savedApiKey(signIn: SignIn, store: TokenStore): AuthProvider {
  let provider: AuthProvider | undefined;
  return {
    kind: "api-key",
    secrets: () => provider?.secrets?.() ?? [],
    async getAuthHeaders(request?: CredentialsRequest) {
      if (!provider) {
        const key = (await store.get(signIn.storeKey))?.accessToken;
        if (!key) throw signInAgain(signIn.service, `no saved key in ${signIn.tokenFile}`);
        provider = apiKey(key, { scheme: signIn.authScheme ?? "basic", ...(signIn.authHeader ? { headerName: signIn.authHeader } : {}) });
      }
      return provider.getAuthHeaders(request);
    },
  };
}

const trimmed = (url: string) => url.replace(/\/+$/, "");

/** Whether --base-url names the address the sign-in was made for (DSS: its host or API address). */
export function isSignedInAddress(signIn: SignIn, baseUrl: string): boolean {
  const given = trimmed(baseUrl);
  return given === trimmed(signIn.baseURL) || (signIn.host !== undefined && given === trimmed(signIn.host));
}

/** A client of `service` for the recorded address, with the saved sign-in's credentials. */
export function savedSignInClient(service: ServiceEntry, signIn: SignIn, warn: (line: string) => void): ServiceClient {
  const store = new FileTokenStore({ path: signIn.tokenFile, onWarning: (message) => warn(`sciclients: ${message}`) });
  let httpsAgent: ReturnType<typeof insecureHttpsAgent> | undefined;
  if (signIn.verifySsl === false) {
    warn(`sciclients: ${signIn.service}: TLS certificates are NOT verified (switched off in the settings at sign-in)`);
    httpsAgent = insecureHttpsAgent();
  }
  let auth: AuthProvider;
  if (signIn.kind === "password" || signIn.kind === "device") {
    auth = new SavedOidcSignIn(signIn, store, httpsAgent ? fetchWithAgent(httpsAgent) : undefined);
  } else if (signIn.kind === "dserver-token") {
    auth = new SavedToken(signIn, store);
  } else {
    auth = savedApiKey(signIn, store);
  }
  return service.createClient({ baseURL: signIn.baseURL, auth, ...(httpsAgent ? { axios: { httpsAgent } } : {}) });
}
