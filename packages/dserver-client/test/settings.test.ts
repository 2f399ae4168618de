// resolveDserverSettings (@sciclients/dserver-client/node): the dtool tools'
// DSERVER_* settings from options, environment and ~/.config/dtool/dtool.json,
// and plain http allowed only on request, against a real node:http token
// generator and dserver.
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path, { join } from "node:path";
import { AuthError, DserverTokenProvider } from "@sciclients/auth";
import { getConfigInfo } from "@sciclients/dserver-client/config";
import { createDserverClientFromSettings, defaultDtoolConfigFile, resolveDserverSettings } from "@sciclients/dserver-client/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let dir: string;
let dtoolJson: string;
const none = join(tmpdir(), "sciclients-no-such-config.json");
const PASSWORD = "dserver-Pa55word!";

/** dserver and its token generator on one plain-http origin: POST /token gives a JWT-shaped token, GET /config/info needs it. */
let server: Server;
let origin: string;
const tokens = new Set<string>();
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sciclients-dserver-settings-"));
  dtoolJson = join(dir, "dtool.json");
  await writeFile(
    dtoolJson,
    JSON.stringify({ DSERVER_URL: "https://from-file.example:5000", DSERVER_TOKEN_GENERATOR_URL: "https://from-file.example:5001/token" }),
  );
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const json = (status: number, body: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (req.method === "POST" && req.url === "/token") {
        const { username, password } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, string>;
        if (password !== PASSWORD) return json(200, { status: "fail" });
        const token = `e30.${Buffer.from(JSON.stringify({ sub: username, exp: Math.floor(Date.now() / 1000) + 60 })).toString("base64url")}.sig`;
        tokens.add(token);
        return json(200, { status: "success", token });
      }
      const token = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
      if (!tokens.has(token)) return json(401, { msg: "Missing Authorization Header" });
      return json(200, { config: { dservercore_version: "0.20.0" } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

function thrown(fn: () => unknown): AuthError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    return error as AuthError;
  }
  throw new Error("expected an AuthError");
}

describe("resolveDserverSettings", () => {
  it("precedence: explicit, then environment, then dtool.json", async () => {
    const fromFile = resolveDserverSettings({ env: { DSERVER_TOKEN: "t-env" }, configFile: dtoolJson });
    expect(fromFile.baseURL).toBe("https://from-file.example:5000");
    expect(await fromFile.auth?.getAuthHeaders()).toEqual({ Authorization: "Bearer t-env" });
    const fromEnv = resolveDserverSettings({ env: { DSERVER_URL: "https://env.example/", DSERVER_TOKEN: "t-env" }, configFile: dtoolJson });
    expect(fromEnv.baseURL).toBe("https://env.example");
    const explicit = resolveDserverSettings({
      env: { DSERVER_URL: "https://env.example", DSERVER_TOKEN: "t-env" },
      configFile: dtoolJson,
      explicit: { url: "https://explicit.example", token: "t-explicit" },
    });
    expect(explicit.baseURL).toBe("https://explicit.example");
    expect(await explicit.auth?.getAuthHeaders()).toEqual({ Authorization: "Bearer t-explicit" });
    expect(explicit.verifySsl).toBe(true);
    expect(explicit.httpsAgent).toBeUndefined();
    expect(defaultDtoolConfigFile()).toMatch(/[/\\]\.config[/\\]dtool[/\\]dtool\.json$/);
  });

  it("token generator with username and password gives a self-renewing provider", () => {
    const s = resolveDserverSettings({ env: { DSERVER_USERNAME: "alice", DSERVER_PASSWORD: "pw-123456" }, configFile: dtoolJson });
    expect(s.auth).toBeInstanceOf(DserverTokenProvider);
  });

  it("errors name the variable, the file key and the service; missing credentials are no_credentials", async () => {
    const missing = thrown(() => resolveDserverSettings({ env: {}, configFile: none }));
    expect(missing).toMatchObject({ code: "configuration", service: "dserver", setting: "DSERVER_URL" });
    expect(thrown(() => resolveDserverSettings({ env: { DSERVER_URL: "not a url" }, configFile: none })).message).toContain(
      "environment variable DSERVER_URL",
    );
    const noCredentials = thrown(() => resolveDserverSettings({ env: { DSERVER_URL: "https://x.example" }, configFile: none }));
    expect(noCredentials).toMatchObject({ code: "no_credentials", service: "dserver", setting: "DSERVER_TOKEN" });
    expect(noCredentials.message).toBe(
      "dserver: no credentials; set DSERVER_TOKEN, or DSERVER_TOKEN_GENERATOR_URL with DSERVER_USERNAME and DSERVER_PASSWORD (environment or " +
        `${none})`,
    );
    const noPassword = thrown(() => resolveDserverSettings({ env: { DSERVER_USERNAME: "alice" }, configFile: dtoolJson }));
    expect(noPassword).toMatchObject({ code: "no_credentials", setting: "DSERVER_PASSWORD" });
    expect(noPassword.message).toContain(`set the environment variable DSERVER_PASSWORD or "DSERVER_PASSWORD" in ${dtoolJson}`);
    const badBool = thrown(() =>
      resolveDserverSettings({
        env: { DSERVER_URL: "https://x.example", DSERVER_TOKEN: "t", DSERVER_VERIFY_SSL: "maybe" },
        configFile: none,
      }),
    );
    expect(badBool.setting).toBe("DSERVER_VERIFY_SSL");
    const broken = join(dir, "broken.json");
    await writeFile(broken, "{ nope");
    const error = thrown(() => resolveDserverSettings({ env: {}, configFile: broken }));
    expect(error.message).toContain(broken);
    expect(error.service).toBe("dserver");
  });

  it("DSERVER_VERIFY_SSL=false is honoured with a warning and an https agent that skips verification", () => {
    const warnings: string[] = [];
    const s = resolveDserverSettings({
      env: { DSERVER_URL: "https://x.example", DSERVER_TOKEN: "t", DSERVER_VERIFY_SSL: "false" },
      configFile: none,
      onWarning: (m) => warnings.push(m),
    });
    expect(s.verifySsl).toBe(false);
    expect(s.httpsAgent?.options.rejectUnauthorized).toBe(false);
    expect(warnings.join(" ")).toContain("DSERVER_VERIFY_SSL");
  });

  it("DSERVER_DISABLE_AUTHENTICATION gives no provider, and then a plain-http dserver needs no switch", () => {
    const s = resolveDserverSettings({
      env: { DSERVER_URL: "http://localhost:5000", DSERVER_DISABLE_AUTHENTICATION: "true" },
      configFile: none,
    });
    expect(s.auth).toBeUndefined();
    expect(s.baseURL).toBe("http://localhost:5000");
  });

  it("interactive prompting is opt-in and refused without a terminal or in CI", () => {
    const error = thrown(() =>
      resolveDserverSettings({ env: { DSERVER_USERNAME: "alice", CI: "true" }, configFile: dtoolJson, interactive: true }),
    );
    expect(error.code).toBe("no_credentials");
    expect(error.message).toContain("DSERVER_PASSWORD");
  });
});

describe("plain http", () => {
  const env = () => ({
    DSERVER_URL: origin,
    DSERVER_TOKEN_GENERATOR_URL: `${origin}/token`,
    DSERVER_USERNAME: "alice",
    DSERVER_PASSWORD: PASSWORD,
  });

  it("is refused for the URLs credentials go to, naming the setting, where it came from, the option and the variable", () => {
    const api = thrown(() => resolveDserverSettings({ env: env(), configFile: false }));
    expect(api).toMatchObject({ code: "configuration", service: "dserver", setting: "DSERVER_URL" });
    expect(api.message).toBe(
      `dserver: the environment variable DSERVER_URL is a plain http URL (${origin}) and credentials would be sent to it; use https, or allow http with the option \`allowInsecureHttp: true\` or the environment variable SCICLIENTS_ALLOW_HTTP=1 (local deployments and tests only)`,
    );
    const generator = thrown(() =>
      resolveDserverSettings({
        env: { ...env(), DSERVER_URL: "https://dserver.example" },
        configFile: false,
        explicit: { tokenGeneratorUrl: `${origin}/token` },
      }),
    );
    expect(generator.setting).toBe("DSERVER_TOKEN_GENERATOR_URL");
    expect(generator.message).toContain("the option `tokenGeneratorUrl` is a plain http URL");
  });

  it("SCICLIENTS_ALLOW_HTTP=1 allows it: the client signs in at the http generator and calls the http dserver", async () => {
    const dserver = createDserverClientFromSettings({ env: { ...env(), SCICLIENTS_ALLOW_HTTP: "1" }, configFile: false });
    await expect(getConfigInfo({ client: dserver })).resolves.toEqual({ config: { dservercore_version: "0.20.0" } });
    const viaOption = createDserverClientFromSettings({ env: env(), configFile: false, allowInsecureHttp: true });
    await expect(getConfigInfo({ client: viaOption })).resolves.toEqual({ config: { dservercore_version: "0.20.0" } });
  });

  it("a wrong password at the generator is invalid_grant for the dserver service", async () => {
    const dserver = createDserverClientFromSettings({
      env: { ...env(), DSERVER_PASSWORD: "wrong-Pa55", SCICLIENTS_ALLOW_HTTP: "1" },
      configFile: false,
    });
    const error = await getConfigInfo({ client: dserver }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AuthError", code: "invalid_grant", service: "dserver", status: 200 });
    expect(JSON.stringify(error)).not.toContain("wrong-Pa55");
  });
});

describe("the ./node entry", () => {
  it("is the only module of the package that imports @sciclients/auth", () => {
    const src = path.join(import.meta.dirname, "../src");
    const importers = readdirSync(src, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts") && readFileSync(path.join(src, file), "utf8").includes('from "@sciclients/auth'))
      .sort();
    expect(importers).toEqual(["node.ts"]);
  });
});
