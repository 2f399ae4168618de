import { attachCredentials, isCredentialHeader } from "@sciclients/core";
import type { AxiosError, AxiosInstance } from "axios";
import type { AuthProvider } from "./types.js";

export interface AttachAuthOptions {
  /** Only requests to this origin (scheme+host+port) get credentials; taken from the axios instance's baseURL when omitted. */
  origin?: string;
  /** The API's name, given as `service` in the AuthErrors of its requests (clients set their own). */
  service?: string;
}

/**
 * Sends `provider`'s credentials with the requests of an axios instance of
 * your own (clients made by `create…Client({ auth })` do this themselves):
 * read right before each request is sent, to one origin only (redirects
 * included), renewed once the API answers 401. Returns a function that stops it.
 */
export function attachAuth(instance: AxiosInstance, provider: AuthProvider, options: AttachAuthOptions = {}): () => void {
  return attachCredentials(instance, provider, options);
}

/**
 * Replaces the given credential values, and every credential-shaped header
 * value, in what an axios error exposes (the pipeline does this for errors of
 * attached instances already).
 */
export function redactAxiosError(error: AxiosError, headers: Record<string, string> | undefined): AxiosError {
  const values = Object.values(headers ?? {});
  for (const config of [error.config, error.response?.config]) {
    if (!config?.headers) continue;
    for (const [name, value] of Object.entries(config.headers)) {
      if (values.includes(value as string) || isCredentialHeader(name, value)) config.headers.set?.(name, "[REDACTED]");
    }
  }
  for (const holder of [error, error.response]) {
    if (holder && "request" in holder)
      Object.defineProperty(holder, "request", { value: holder.request, enumerable: false, configurable: true, writable: true });
  }
  return error;
}
