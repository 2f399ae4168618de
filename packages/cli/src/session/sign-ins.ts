// The record of who is signed in where: one entry per service, saved by
// `sciclients login` next to the tokens. It holds no secret (the tokens are in
// a FileTokenStore); it says where the tokens are, which sign-in made them and
// which address they may be sent to.
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { type Env, userConfigDir } from "@sciclients/auth/node";

export type SignInKind = "password" | "device" | "dserver-token" | "api-key";

export interface SignIn {
  service: string;
  kind: SignInKind;
  /** The API address the credentials were obtained for; they are used for this address only. */
  baseURL: string;
  /** The username given at sign-in (password and token-generator sign-ins). */
  username?: string;
  /** OpenID issuer and client (password and device sign-ins): what a refresh needs. */
  issuer?: string;
  clientId?: string;
  /** dserver's token generator. */
  tokenGeneratorUrl?: string;
  /** How DSS sends the key (DSS_AUTH_SCHEME / DSS_AUTH_HEADER at sign-in). */
  authScheme?: "basic" | "bearer" | "header";
  authHeader?: string;
  /** DSS: the host the key was given for (the API address is `<host>/public/api`). */
  host?: string;
  /** False when the settings switched TLS verification off at sign-in (the saved sign-in keeps that, with a warning). */
  verifySsl?: false;
  /** The FileTokenStore file and key the tokens are kept under. */
  tokenFile: string;
  storeKey: string;
  /** ISO time of the sign-in. */
  signedInAt: string;
}

/** `<config dir>/sciclients/`: the folder of the sign-in record and the command line's token file. */
export function sciclientsDir(env: Env = process.env): string {
  return join(userConfigDir(env), "sciclients");
}

/** The command line's token file (IceProd's sign-in goes to ICEPROD_TOKEN_FILE instead, shared with the library). */
export function cliTokenFile(env: Env = process.env): string {
  return join(sciclientsDir(env), "cli-tokens.json");
}

export function signInsFile(env: Env = process.env): string {
  return join(sciclientsDir(env), "cli-sign-ins.json");
}

/** Every saved sign-in by service; an unreadable or foreign file counts as none. */
export function readSignIns(env: Env = process.env): Record<string, SignIn> {
  let raw: string;
  try {
    raw = readFileSync(signInsFile(env), "utf8");
  } catch {
    return {};
  }
  try {
    const parsed = JSON.parse(raw) as { signIns?: unknown };
    const entries = parsed.signIns;
    if (typeof entries !== "object" || entries === null) return {};
    const out: Record<string, SignIn> = {};
    for (const [service, value] of Object.entries(entries as Record<string, unknown>)) {
      const entry = value as Partial<SignIn> | null;
      if (entry && typeof entry.baseURL === "string" && typeof entry.tokenFile === "string" && typeof entry.storeKey === "string") {
        out[service] = entry as SignIn;
      }
    }
    return out;
  } catch {
    return {};
  }
}

export function savedSignIn(service: string, env: Env = process.env): SignIn | undefined {
  return readSignIns(env)[service];
}

/** Writes the record atomically (temporary file + rename), mode 0600 in a 0700 folder. */
function writeSignIns(signIns: Record<string, SignIn>, env: Env): void {
  const path = signInsFile(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(tmp, "w", 0o600);
  try {
    writeSync(fd, JSON.stringify({ version: 1, signIns }, null, 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (error) {
    unlinkSync(tmp);
    throw error;
  }
}

export function recordSignIn(signIn: SignIn, env: Env = process.env): void {
  writeSignIns({ ...readSignIns(env), [signIn.service]: signIn }, env);
}

export function forgetSignIn(service: string, env: Env = process.env): void {
  const all = readSignIns(env);
  if (!(service in all)) return;
  delete all[service];
  writeSignIns(all, env);
}
