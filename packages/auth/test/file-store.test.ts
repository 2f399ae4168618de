import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inspect, promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthError, defaultTokenFile, FileTokenStore, TokenProvider, type TokenSet } from "../src/node.js";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
let dir: string;
let worker: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sciclients-auth-"));
  worker = join(dir, "worker.mjs");
  await build({
    entryPoints: [join(here, "fixtures", "file-store-worker.ts")],
    outfile: worker,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // workspace packages from their sources, as in the tests themselves
    conditions: ["@sciclients/source"],
    external: ["axios"],
    logLevel: "silent",
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

class CountingProvider extends TokenProvider {
  readonly kind = "counting";
  signIns = 0;
  constructor(store: FileTokenStore, onWarning: (message: string) => void = () => {}) {
    super({ store, onWarning });
  }
  protected defaultStoreKey(): string {
    return "counting";
  }
  protected async signIn(): Promise<TokenSet> {
    this.signIns++;
    return { accessToken: `fresh-${this.signIns}`, obtainedAt: Date.now(), expiresAt: Date.now() + 3_600_000 };
  }
}

const tokens = (accessToken: string, obtainedAt: number): TokenSet => ({ accessToken, obtainedAt, refreshToken: `r-${accessToken}` });

describe("FileTokenStore", () => {
  it("writes atomically with mode 0600 in a 0700 folder, and reads back", async () => {
    const path = join(dir, "nested", "tokens.json");
    const store = new FileTokenStore({ path });
    await store.set("a", tokens("one", 1));
    expect(await store.get("a")).toEqual(tokens("one", 1));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(path))).mode & 0o777).toBe(0o700);
    await store.set("b", tokens("two", 2));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(await readFile(path, "utf8")).entries).sort()).toEqual(["a", "b"]);
    await store.delete("a");
    expect(await store.get("a")).toBeUndefined();
    expect(await store.get("b")).toEqual(tokens("two", 2));
  });

  it("never replaces newer tokens by older ones", async () => {
    const store = new FileTokenStore({ path: join(dir, "order.json") });
    await store.set("k", tokens("newer", 200));
    await store.set("k", tokens("older", 100));
    expect((await store.get("k"))?.accessToken).toBe("newer");
  });

  it("a corrupt file gives a warning naming the file, and the provider signs in again without crashing", async () => {
    const path = join(dir, "corrupt.json");
    await writeFile(path, "{ this is not json", { mode: 0o600 });
    const warnings: string[] = [];
    const store = new FileTokenStore({ path, onWarning: (m) => warnings.push(m) });
    expect(await store.get("counting")).toBeUndefined();
    expect(warnings.some((w) => w.includes(path) && w.includes("corrupt"))).toBe(true);
    const provider = new CountingProvider(store);
    expect((await provider.getTokens()).accessToken).toBe("fresh-1");
    expect(provider.signIns).toBe(1);
    expect((await store.get("counting"))?.accessToken).toBe("fresh-1");
    expect(await readFile(`${path}.corrupt`, "utf8")).toBe("{ this is not json");
  });

  it("the corrupt-file warning is given once, however often the file is read before it is replaced", async () => {
    const path = join(dir, "corrupt-once.json");
    await writeFile(path, "not json at all", { mode: 0o600 });
    const warnings: string[] = [];
    const provider = new CountingProvider(new FileTokenStore({ path, onWarning: (m) => warnings.push(m) }));
    await provider.getTokens();
    expect(warnings.filter((w) => w.includes("corrupt"))).toHaveLength(1);
    // corrupt again later: a new state, a new warning
    await writeFile(path, "{ broken again", { mode: 0o600 });
    await provider.invalidate();
    expect(warnings.filter((w) => w.includes("corrupt"))).toHaveLength(2);
  });

  it("a process prints each warning once (default console.warn, several stores on one corrupt file)", async () => {
    const path = join(dir, "corrupt-process.json");
    const log = join(dir, "corrupt-process.log");
    await writeFile(path, "{ this is not json", { mode: 0o600 });
    await writeFile(log, "");
    const { stderr } = await run(process.execPath, [worker, "corrupt", path, log]);
    const lines = stderr.split("\n").filter((line) => line.includes("corrupt"));
    expect(lines).toEqual([
      `[@sciclients/auth] the token file ${path} is corrupt (not a sciclients token file); ignoring it and signing in again`,
    ]);
    expect((await readFile(log, "utf8")).trim().split("\n")).toHaveLength(1);
  });

  it("an unreadable path (a folder) is reported and treated as empty", async () => {
    const path = join(dir, "is-a-folder");
    await writeFile(join(dir, "placeholder"), "");
    await import("node:fs/promises").then((fs) => fs.mkdir(path, { recursive: true }));
    const warnings: string[] = [];
    const store = new FileTokenStore({ path, onWarning: (m) => warnings.push(m) });
    expect(await store.get("x")).toBeUndefined();
    expect(warnings.join(" ")).toContain(path);
  });

  it("a file that cannot be written: set fails with AuthError store_error naming the file, and no token", async () => {
    const path = join(dir, "unwritable-folder");
    await import("node:fs/promises").then((fs) => fs.mkdir(path, { recursive: true }));
    const store = new FileTokenStore({ path, onWarning: () => {} });
    const error = await store.set("k", tokens("secret-access-token", 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect({ code: (error as AuthError).code, provider: (error as AuthError).provider }).toEqual({
      code: "store_error",
      provider: "file-store",
    });
    expect((error as AuthError).message).toBe(`The token file ${path} could not be written (EISDIR)`);
    expect(`${JSON.stringify(error)} ${inspect(error, { depth: 10 })}`).not.toContain("secret-access-token");
  });

  it("a lock that cannot be taken: lock fails with store_error naming the lock file, without running the callback", async () => {
    await writeFile(join(dir, "a-plain-file"), "");
    const path = join(dir, "a-plain-file", "tokens.json");
    const store = new FileTokenStore({ path, onWarning: () => {} });
    let ran = false;
    const error = await store
      .lock("k", async () => {
        ran = true;
      })
      .catch((e: unknown) => e);
    expect(ran).toBe(false);
    expect({ code: (error as AuthError).code, message: (error as AuthError).message }).toEqual({
      code: "store_error",
      message: expect.stringMatching(
        new RegExp(`^The lock file ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.lock could not be taken \\((ENOTDIR|EEXIST)\\)$`),
      ),
    });
  });

  it("a lock held too long by another process: store_error naming the lock file and the wait", async () => {
    const path = join(dir, "held.json");
    await writeFile(`${path}.lock`, "12345\n");
    const store = new FileTokenStore({ path, lockTimeoutMs: 100, staleLockMs: 60_000, onWarning: () => {} });
    const error = await store.set("k", tokens("t", 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("store_error");
    expect((error as AuthError).message).toBe(`Timed out after 100 ms waiting for the lock file ${path}.lock, held by another process`);
  });

  it("a provider whose store fails warns with the store_error's messages and signs in without the store", async () => {
    await writeFile(join(dir, "another-plain-file"), "");
    const store = new FileTokenStore({ path: join(dir, "another-plain-file", "tokens.json"), onWarning: () => {} });
    const warnings: string[] = [];
    const provider = new CountingProvider(store, (message) => warnings.push(message));
    expect(await provider.getAuthHeaders()).toEqual({ Authorization: "Bearer fresh-1" });
    const lock = `The lock file ${join(dir, "another-plain-file", "tokens.json")}.lock could not be taken`;
    expect(warnings.map((w) => w.replace(/ \((ENOTDIR|EEXIST)\)/, ""))).toEqual([
      `could not lock the token store (${lock}); renewing without the lock`,
      `could not write the token store (${lock}); continuing without it`,
    ]);
  });

  it("the default path is under the user's config folder", () => {
    expect(defaultTokenFile("t.json", { XDG_CONFIG_HOME: "/cfg" })).toBe(join("/cfg", "sciclients", "t.json"));
  });

  it("two processes: locked read-modify-write loses no update, and each keeps its own key", async () => {
    const path = join(dir, "shared.json");
    const rounds = 25;
    await Promise.all([
      run(process.execPath, [worker, "increment", path, String(rounds), "p1"]),
      run(process.execPath, [worker, "increment", path, String(rounds), "p2"]),
    ]);
    const store = new FileTokenStore({ path });
    expect((await store.get("counter"))?.accessToken).toBe(String(2 * rounds));
    expect((await store.get("own-p1"))?.accessToken).toBe(`v${rounds - 1}`);
    expect((await store.get("own-p2"))?.accessToken).toBe(`v${rounds - 1}`);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it("two processes renewing the same expired sign-in: one signs in, the other adopts its tokens", async () => {
    const path = join(dir, "renew.json");
    const log = join(dir, "renew.log");
    await writeFile(log, "");
    await new FileTokenStore({ path }).set("shared", { accessToken: "expired", obtainedAt: 1, expiresAt: 2 });
    const [a, b] = await Promise.all([
      run(process.execPath, [worker, "renew", path, log]),
      run(process.execPath, [worker, "renew", path, log]),
    ]);
    const signIns = (await readFile(log, "utf8")).trim().split("\n");
    expect(signIns).toHaveLength(1);
    expect(a.stdout).toBe(`token-from-${signIns[0]}`);
    expect(b.stdout).toBe(a.stdout);
  });
});
