// resolveDssSettings (@sciclients/dss-client/node): DSS_* settings, errors that
// name them, and a plain-http DSS allowed only on request (real node:http server).
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path, { join } from "node:path";
import { AuthError } from "@sciclients/auth";
import { listProjectKeys } from "@sciclients/dss-client";
import { createDssClientFromSettings, resolveDssSettings } from "@sciclients/dss-client/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const none = join(tmpdir(), "sciclients-no-such-config.json");
const KEY = "dss-key-0123456789";

let server: Server;
let host: string;
const seen: (string | undefined)[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    const ok = req.headers.authorization === `Basic ${Buffer.from(`${KEY}:`).toString("base64")}`;
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    res.end(JSON.stringify(ok ? [{ projectKey: "LOCAL" }] : { errorType: "Unauthorized", message: "no" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
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

describe("resolveDssSettings", () => {
  it("host + API key: /public/api base URL and HTTP Basic by default; bearer on request", async () => {
    const s = resolveDssSettings({ env: { DSS_HOST: "https://dss.example:11200", DSS_API_KEY: "k-123456" }, configFile: none });
    expect(s.baseURL).toBe("https://dss.example:11200/public/api");
    expect(await s.auth.getAuthHeaders()).toEqual({ Authorization: `Basic ${Buffer.from("k-123456:").toString("base64")}` });
    const bearer = resolveDssSettings({
      env: { DSS_HOST: "https://dss.example", DSS_API_KEY: "k-123456", DSS_AUTH_SCHEME: "bearer" },
      configFile: none,
    });
    expect(await bearer.auth.getAuthHeaders()).toEqual({ Authorization: "Bearer k-123456" });
  });

  it("a missing key is no_credentials saying how to set it; a bad scheme is a configuration error", () => {
    const noKey = thrown(() => resolveDssSettings({ env: { DSS_HOST: "https://dss.example" }, configFile: none }));
    expect(noKey).toMatchObject({ code: "no_credentials", service: "dss", setting: "DSS_API_KEY" });
    expect(noKey.message).toBe(
      `dss: DSS_API_KEY is not set; set the environment variable DSS_API_KEY or "DSS_API_KEY" in ${none}, or the option \`apiKey\``,
    );
    const scheme = thrown(() =>
      resolveDssSettings({ env: { DSS_HOST: "https://d.example", DSS_API_KEY: "k", DSS_AUTH_SCHEME: "magic" }, configFile: none }),
    );
    expect(scheme).toMatchObject({ code: "configuration", setting: "DSS_AUTH_SCHEME" });
    expect(scheme.message).toBe('dss: DSS_AUTH_SCHEME must be basic, bearer or header (got "magic")');
  });

  it("an http host is refused unless allowed; allowed, the key reaches the local DSS", async () => {
    const refused = thrown(() => resolveDssSettings({ env: { DSS_HOST: host, DSS_API_KEY: KEY }, configFile: false }));
    expect(refused).toMatchObject({ code: "configuration", service: "dss", setting: "DSS_HOST" });
    expect(refused.message).toContain(`the environment variable DSS_HOST is a plain http URL (${host})`);
    expect(refused.message).toContain("`allowInsecureHttp: true`");
    expect(refused.message).toContain("SCICLIENTS_ALLOW_HTTP=1");
    expect(refused.message).not.toContain(KEY);
    const dss = createDssClientFromSettings({ env: { DSS_HOST: host, DSS_API_KEY: KEY, SCICLIENTS_ALLOW_HTTP: "yes" }, configFile: false });
    await expect(listProjectKeys(dss)).resolves.toEqual(["LOCAL"]);
    expect(seen).toHaveLength(1);
  });

  it("the ./node entry is the only module of the package that imports @sciclients/auth", () => {
    const src = path.join(import.meta.dirname, "../src");
    const importers = readdirSync(src, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts") && readFileSync(path.join(src, file), "utf8").includes('from "@sciclients/auth'))
      .sort();
    expect(importers).toEqual(["node.ts"]);
  });
});
