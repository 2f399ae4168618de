import type { CredentialsProvider, CredentialsRequest } from "@sciclients/core";

/** What the pipeline asks a provider for (see `CredentialsRequest` in @sciclients/core). */
export type GetAuthHeadersOptions = CredentialsRequest;

/** A credentials provider of @sciclients/auth: core's `CredentialsProvider`, and sign-out. */
export interface AuthProvider extends CredentialsProvider {
  /** Optional: drop cached credentials (sign-out). */
  invalidate?(): void | Promise<void>;
}
