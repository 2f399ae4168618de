import type { CredentialsProvider } from "./credentials.js";

/** What the pipeline remembers of a request it sent with credentials: the provider and the header values it attached. */
interface Sent {
  provider: CredentialsProvider;
  /** The headers attached to each attempt (filled in as the request goes). */
  carried: readonly Record<string, string>[];
}

/** Kept off the config object itself, so that nothing that serialises a config finds them. */
const sentWith = new WeakMap<object, Sent>();

export function rememberCredentials(config: object, provider: CredentialsProvider, carried: readonly Record<string, string>[]): void {
  sentWith.set(config, { provider, carried });
}

/** The secrets to take out of anything about this request: its provider's, and the header values it carried. */
export function secretsOf(config: object | undefined): string[] {
  const sent = config ? sentWith.get(config) : undefined;
  if (!sent) return [];
  const out: string[] = [];
  for (const secret of sent.provider.secrets?.() ?? []) if (secret) out.push(secret);
  for (const value of sent.carried.flatMap((headers) => Object.values(headers))) {
    out.push(value);
    // "Bearer x" / "Basic x": the credential alone may appear elsewhere too.
    const credential = /^\S+\s+(\S{3,})$/.exec(value)?.[1];
    if (credential) out.push(credential);
  }
  return out;
}
