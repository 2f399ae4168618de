// A service's client for one command: --base-url and --token go to the
// package's ./node settings resolver as explicit options (so they win over the
// service's environment variables and config file, and everything else, such
// as TLS settings, still comes from there).
import { staticBearer } from "@sciclients/auth";
import type { ServiceClient } from "@sciclients/core";
import type { ServiceEntry } from "./catalogue-types.js";
import type { ConnectionFlags } from "./context.js";
import { UsageError } from "./errors.js";

export function clientFor(service: ServiceEntry, flags: ConnectionFlags): ServiceClient {
  const { catalogue } = service;
  if (service.createClientFromSettings && catalogue.settings) {
    const explicit: Record<string, unknown> = {};
    if (flags.baseUrl !== undefined) explicit[catalogue.settings.baseUrl] = flags.baseUrl;
    if (flags.token !== undefined) explicit[catalogue.settings.token] = flags.token;
    return service.createClientFromSettings({ explicit, interactive: process.stdin.isTTY === true });
  }
  // A service without a settings resolver: both flags say everything.
  if (flags.baseUrl === undefined) {
    throw new UsageError(`${catalogue.name} has no settings of its own: give its address with --base-url (and a token with --token)`);
  }
  return service.createClient({ baseURL: flags.baseUrl, ...(flags.token !== undefined ? { auth: staticBearer(flags.token) } : {}) });
}
