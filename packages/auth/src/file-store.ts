import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, readFile, rename, stat, unlink, utimes } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { AuthError } from "./errors.js";
import { parseTokenSet, type TokenSet, type TokenStore } from "./store.js";
import { warnOnce } from "./warnings.js";

/** The user's configuration folder: `$XDG_CONFIG_HOME`, `%APPDATA%` on Windows, else `~/.config`. */
export function userConfigDir(env: Record<string, string | undefined> = process.env): string {
  if (env.XDG_CONFIG_HOME) return env.XDG_CONFIG_HOME;
  if (process.platform === "win32" && env.APPDATA) return env.APPDATA;
  return join(homedir(), ".config");
}

/** Default token file: `<config dir>/sciclients/<name>` (default name `tokens.json`). */
export function defaultTokenFile(name = "tokens.json", env: Record<string, string | undefined> = process.env): string {
  return join(userConfigDir(env), "sciclients", name);
}

export interface FileTokenStoreOptions {
  /** The token file (default {@link defaultTokenFile}). Its folder is created with mode 0700. */
  path?: string;
  /** Warnings (corrupt or unreadable file); never given secrets. Default: `console.warn`, each message once per process. */
  onWarning?: (message: string) => void;
  /** A lock file untouched for this long is taken to be left by a crashed process (default 30 s; held locks are touched every third of it). */
  staleLockMs?: number;
  /** Give up waiting for the lock after this long (default 15 min, enough for a device sign-in in another process). */
  lockTimeoutMs?: number;
}

interface FileData {
  version: 1;
  entries: Record<string, TokenSet>;
  /** Set when the file on disk could not be parsed. */
  corrupt?: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A failure of the file system under the store, as an AuthError naming the file (tokens are never in it). */
function storeError(what: string, error: unknown): AuthError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new AuthError(`${what}${code ? ` (${code})` : ""}`, { code: "store_error", provider: "file-store", cause: error });
}

/**
 * Tokens in a JSON file (Node only). Writes are atomic (temporary file +
 * rename) with mode 0600; a lock file serialises writers and renewals across
 * processes; a set never replaces newer tokens by older ones. A corrupt or
 * unreadable file is reported through `onWarning` (naming the file) and
 * treated as empty, so the provider signs in again instead of crashing. A file
 * or lock that cannot be written or taken fails `set`, `delete` and `lock`
 * with an `AuthError` (`store_error`) naming the file; a provider using the
 * store warns with its message and goes on without the store.
 */
export class FileTokenStore implements TokenStore {
  readonly path: string;
  readonly #warn: (message: string) => void;
  readonly #staleMs: number;
  readonly #timeoutMs: number;
  readonly #held = new AsyncLocalStorage<boolean>();
  /** The last problem reported, so that reading the same bad file again stays quiet until it is read or written fine. */
  #reported: string | undefined;

  constructor(options: FileTokenStoreOptions = {}) {
    this.path = options.path ?? defaultTokenFile();
    this.#warn = options.onWarning ?? warnOnce;
    this.#staleMs = options.staleLockMs ?? 30_000;
    this.#timeoutMs = options.lockTimeoutMs ?? 15 * 60_000;
  }

  get #lockPath(): string {
    return `${this.path}.lock`;
  }

  #report(problem: string): void {
    if (this.#reported === problem) return;
    this.#reported = problem;
    this.#warn(problem);
  }

  async #read(): Promise<FileData> {
    let raw: string;
    try {
      raw = await readFile(this.path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT") this.#report(`the token file ${this.path} cannot be read (${code ?? "error"}); signing in again`);
      else this.#reported = undefined;
      return { version: 1, entries: {} };
    }
    try {
      const parsed: unknown = JSON.parse(raw);
      const entries = (parsed as { entries?: unknown } | null)?.entries;
      if (typeof entries !== "object" || entries === null) throw new Error("no entries");
      const out: FileData = { version: 1, entries: {} };
      for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
        const tokens = parseTokenSet(value);
        if (tokens) out.entries[key] = tokens;
      }
      this.#reported = undefined;
      return out;
    } catch {
      this.#report(`the token file ${this.path} is corrupt (not a sciclients token file); ignoring it and signing in again`);
      return { version: 1, entries: {}, corrupt: true };
    }
  }

  async #write(data: FileData): Promise<void> {
    try {
      await this.#writeFile(data);
    } catch (error) {
      throw storeError(`The token file ${this.path} could not be written`, error);
    }
  }

  async #writeFile(data: FileData): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    if (data.corrupt) {
      // keep the damaged file for inspection instead of silently dropping it
      await rename(this.path, `${this.path}.corrupt`).catch(() => undefined);
    }
    const tmp = `${this.path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    const handle = await open(tmp, "w", 0o600);
    try {
      await handle.writeFile(JSON.stringify({ version: 1, entries: data.entries }, null, 2));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(tmp, this.path);
    } catch (error) {
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
    await chmod(this.path, 0o600).catch(() => undefined);
    this.#reported = undefined;
  }

  async get(key: string): Promise<TokenSet | undefined> {
    return (await this.#read()).entries[key];
  }

  async set(key: string, tokens: TokenSet): Promise<void> {
    await this.#withLock(async () => {
      const data = await this.#read();
      const existing = data.entries[key];
      if (existing && existing.obtainedAt > tokens.obtainedAt) return;
      data.entries[key] = tokens;
      await this.#write(data);
    });
  }

  async delete(key: string): Promise<void> {
    await this.#withLock(async () => {
      const data = await this.#read();
      if (!(key in data.entries) && !data.corrupt) return;
      delete data.entries[key];
      await this.#write(data);
    });
  }

  /** Runs `fn` holding the file's lock (re-entrant within the same async call chain). */
  lock<T>(_key: string, fn: () => Promise<T>): Promise<T> {
    return this.#withLock(fn);
  }

  async #withLock<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#held.getStore()) return fn();
    let release: () => Promise<void>;
    try {
      release = await this.#acquire();
    } catch (error) {
      throw error instanceof AuthError ? error : storeError(`The lock file ${this.#lockPath} could not be taken`, error);
    }
    try {
      return await this.#held.run(true, fn);
    } finally {
      await release();
    }
  }

  async #acquire(): Promise<() => Promise<void>> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const started = Date.now();
    let delay = 5;
    for (;;) {
      try {
        const handle = await open(this.#lockPath, "wx", 0o600);
        await handle.writeFile(`${process.pid}\n`);
        await handle.close();
        const beat = setInterval(
          () => {
            const now = new Date();
            utimes(this.#lockPath, now, now).catch(() => undefined);
          },
          Math.max(50, Math.floor(this.#staleMs / 3)),
        );
        beat.unref?.();
        return async () => {
          clearInterval(beat);
          await unlink(this.#lockPath).catch(() => undefined);
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      try {
        const info = await stat(this.#lockPath);
        if (Date.now() - info.mtimeMs > this.#staleMs) {
          this.#warn(`removing the stale lock ${this.#lockPath}`);
          await unlink(this.#lockPath).catch(() => undefined);
          continue;
        }
      } catch {
        continue; // released meanwhile
      }
      if (Date.now() - started > this.#timeoutMs) {
        throw storeError(
          `Timed out after ${this.#timeoutMs} ms waiting for the lock file ${this.#lockPath}, held by another process`,
          undefined,
        );
      }
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 200);
    }
  }
}
