// `sciclients login`, `logout` and `whoami`: sign in to a service and keep
// the tokens (FileTokenStore, mode 0600) with a record of who is signed in
// where (sign-ins.ts); forget them; say who is signed in. Nothing here prints
// a token, password or key.
import { readFileSync, unlinkSync } from "node:fs";
import { AuthError, type Env, FileTokenStore, isAuthError } from "@sciclients/auth/node";
import { type Command, Option } from "commander";
import type { ServiceEntry } from "../catalogue-types.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../errors.js";
import { readSecretFromStdin, terminalAsker } from "./ask.js";
import { LOGIN_METHODS } from "./login-methods.js";
import { forgetSignIn, readSignIns, recordSignIn, type SignIn, signInsFile } from "./sign-ins.js";
import { describeSignIn } from "./whoami.js";

/** Edit distance, for the "did you mean" of an unknown service. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length] as number;
}

/** The service of that name, or a usage error suggesting the nearest one (as commander does for commands). */
function serviceNamed(context: CliContext, name: string): ServiceEntry {
  const found = context.services.find((s) => s.catalogue.name === name);
  if (found) return found;
  const names = context.services.map((s) => s.catalogue.name);
  const nearest = names
    .map((candidate) => ({ candidate, d: distance(name, candidate) }))
    .filter(({ candidate, d }) => d <= Math.max(2, Math.floor(candidate.length / 3)))
    .sort((x, y) => x.d - y.d)[0]?.candidate;
  throw new UsageError(`unknown service '${name}'${nearest ? ` (Did you mean ${nearest}?)` : ""}; the services are ${names.join(", ")}`);
}

/** Removes a token file once it holds no tokens, so that signing out of everything leaves nothing behind. */
function removeIfEmpty(path: string): void {
  try {
    const data = JSON.parse(readFileSync(path, "utf8")) as { entries?: Record<string, unknown> };
    if (data.entries && Object.keys(data.entries).length === 0) unlinkSync(path);
  } catch {
    // absent or not ours: leave it
  }
}

async function forget(signIn: SignIn, env: Env): Promise<void> {
  await new FileTokenStore({ path: signIn.tokenFile }).delete(signIn.storeKey);
  removeIfEmpty(signIn.tokenFile);
  forgetSignIn(signIn.service, env);
  if (Object.keys(readSignIns(env)).length === 0) {
    try {
      unlinkSync(signInsFile(env));
    } catch {
      // already gone
    }
  }
}

interface LoginOptions {
  username?: string;
  passwordStdin?: boolean;
  device?: boolean;
  baseUrl?: string;
}

async function login(context: CliContext, name: string, options: LoginOptions): Promise<void> {
  const service = serviceNamed(context, name);
  const method = LOGIN_METHODS[name];
  if (!method) throw new UsageError(`${name} has no sign-in of its own; give its credential with --token`);
  if (options.device && name !== "data-manager" && name !== "account-server" && name !== "iceprod") {
    throw new UsageError(`--device: ${name} has no device sign-in`);
  }
  const env = process.env;
  const secret = options.passwordStdin ? await readSecretFromStdin(context.stdin, "--password-stdin") : undefined;
  let result: Awaited<ReturnType<typeof method>>;
  try {
    result = await method({
      service,
      baseUrl: options.baseUrl,
      username: options.username,
      secret,
      device: options.device === true,
      ask: terminalAsker(`login ${name}`, context.signal, env),
      notify: (line) => context.stderr.write(`${line}\n`),
      env,
    });
  } catch (error) {
    // Name the service in every failure; the message is already free of the credentials.
    if (isAuthError(error) && !error.message.includes(name)) {
      throw new AuthError(`login ${name}: ${error.message}`, { code: error.code, service: name, status: error.status, secrets: [secret] });
    }
    throw error;
  }
  const previous = readSignIns(env)[name];
  if (previous && (previous.tokenFile !== result.signIn.tokenFile || previous.storeKey !== result.signIn.storeKey))
    await forget(previous, env);
  const store = new FileTokenStore({
    path: result.signIn.tokenFile,
    onWarning: (message) => context.stderr.write(`sciclients: ${message}\n`),
  });
  await store.set(result.signIn.storeKey, result.tokens);
  const signIn: SignIn = { ...result.signIn, signedInAt: new Date().toISOString() };
  recordSignIn(signIn, env);
  context.stderr.write(`Signed in: ${describeSignIn(signIn, result.tokens)}\n`);
}

async function logout(context: CliContext, name: string | undefined): Promise<void> {
  const env = process.env;
  const all = readSignIns(env);
  if (name !== undefined) {
    serviceNamed(context, name);
    const signIn = all[name];
    if (!signIn) {
      context.stderr.write(`Not signed in to ${name}.\n`);
      return;
    }
    await forget(signIn, env);
    context.stderr.write(`Signed out of ${name} (${signIn.baseURL}).\n`);
    return;
  }
  const signIns = Object.values(all);
  if (signIns.length === 0) context.stderr.write("Not signed in to any service.\n");
  for (const signIn of signIns) {
    await forget(signIn, env);
    context.stderr.write(`Signed out of ${signIn.service} (${signIn.baseURL}).\n`);
  }
}

async function whoami(context: CliContext, name: string | undefined): Promise<void> {
  const all = readSignIns(process.env);
  if (name !== undefined) serviceNamed(context, name);
  const signIns = name === undefined ? Object.values(all) : all[name] ? [all[name] as SignIn] : [];
  if (signIns.length === 0) {
    if (name !== undefined) throw new Error(`not signed in to ${name}; run \`sciclients login ${name}\``);
    context.stdout.write("Not signed in to any service.\n");
    return;
  }
  for (const signIn of signIns) {
    const tokens = await new FileTokenStore({ path: signIn.tokenFile, onWarning: () => undefined }).get(signIn.storeKey);
    context.stdout.write(`${describeSignIn(signIn, tokens)}\n`);
  }
}

/** Adds login, logout and whoami to the program. */
export function sessionCommands(program: Command, context: CliContext): void {
  const names = context.services.map((s) => s.catalogue.name).join(", ");
  program
    .command("login")
    .helpGroup("Signing in:")
    .description(`sign in to a service and keep the sign-in for later commands (${names})`)
    .argument("<service>", "the service to sign in to")
    .option("--username <name>", "the username (Squonk2, dserver); asked for on a terminal when not given")
    .option("--password-stdin", "read the password (DSS: the API key) from the first line of stdin instead of asking")
    .addOption(new Option("--device", "Squonk2: sign in through the device grant (open a URL, enter a code) instead of a password"))
    .action(async (service: string, _options: LoginOptions, command: Command) =>
      login(context, service, command.optsWithGlobals<LoginOptions>()),
    );
  program
    .command("logout")
    .helpGroup("Signing in:")
    .description("forget the saved sign-in of a service, or of every service; its tokens are deleted")
    .argument("[service]", "the service to sign out of (default: all)")
    .action(async (service: string | undefined) => logout(context, service));
  program
    .command("whoami")
    .helpGroup("Signing in:")
    .description("who is signed in to which service, at which address, and until when (never a token)")
    .argument("[service]", "only this service")
    .action(async (service: string | undefined) => whoami(context, service));
}
