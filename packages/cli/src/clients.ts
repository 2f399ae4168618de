// A service's client for one command. Without --token, a saved sign-in
// (`sciclients login`) is used for the address it was made for; otherwise
// --base-url and --token go to the package's ./node settings resolver as
// explicit options (so they win over the service's environment variables and
// config file, and everything else, such as TLS settings, still comes from there).
import { staticBearer } from "@sciclients/auth";
import type { ServiceClient } from "@sciclients/core";
import type { ServiceEntry } from "./catalogue-types.js";
import type { ConnectionFlags } from "./context.js";
import { UsageError } from "./errors.js";
import { isSignedInAddress, savedSignInClient } from "./session/saved-client.js";
import { savedSignIn } from "./session/sign-ins.js";

const toStderr = (line: string) => {
  process.stderr.write(`${line}\n`);
};

export function clientFor(service: ServiceEntry, flags: ConnectionFlags, warn: (line: string) => void = toStderr): ServiceClient {
  const { catalogue } = service;
  const signIn = flags.token === undefined ? savedSignIn(catalogue.name) : undefined;
  if (signIn) {
    if (flags.baseUrl === undefined || isSignedInAddress(signIn, flags.baseUrl)) return savedSignInClient(service, signIn, warn);
    // Credentials go only where they were obtained for: another address gets the settings' own, or none.
    warn(
      `sciclients: the saved sign-in of ${catalogue.name} is for ${signIn.baseURL} only and is NOT sent to ${flags.baseUrl}; give --token, or run \`sciclients login ${catalogue.name} --base-url ${flags.baseUrl}\``,
    );
  }
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
