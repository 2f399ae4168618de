// Dependencies point one way: clients -> core <- auth. Core defines the
// CredentialsProvider interface auth implements, and depends on no auth code.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { lazyChunks } from "../../../lazy-chunks.shared.ts";

const packages = resolve(import.meta.dirname, "../..");
const manifest = (name: string) => JSON.parse(readFileSync(join(packages, name, "package.json"), "utf8"));

describe("dependency direction", () => {
  it("core neither depends on nor imports @sciclients/auth or any OAuth library", () => {
    const core = manifest("core");
    expect(Object.keys({ ...core.dependencies, ...core.peerDependencies, ...core.devDependencies })).not.toContain("@sciclients/auth");
    for (const file of readdirSync(join(packages, "core/src"))) {
      const text = readFileSync(join(packages, "core/src", file), "utf8");
      expect(text, file).not.toMatch(/from "@sciclients\/auth|openid-client|oauth4webapi|jose/);
    }
  });

  it("auth builds on core (it implements core's CredentialsProvider), and no client package pulls auth in", () => {
    expect(Object.keys(manifest("auth").dependencies)).toContain("@sciclients/core");
    const clients = readdirSync(packages).filter((name) => name.endsWith("-client"));
    expect(clients.length).toBeGreaterThanOrEqual(5);
    for (const client of clients) {
      const pkg = manifest(client);
      expect(Object.keys(pkg.dependencies), client).toContain("@sciclients/core");
      expect(Object.keys(pkg.dependencies), client).not.toContain("@sciclients/auth");
      // Only the clients' /node settings entries use auth: an optional peer, never installed for you.
      if (pkg.peerDependencies?.["@sciclients/auth"]) expect(pkg.peerDependenciesMeta?.["@sciclients/auth"]?.optional, client).toBe(true);
    }
  });
});

describe("lazy chunks", () => {
  // The lazy modules import axios, types, and modules no entry reaches (see lazy-chunks.shared.ts).
  it("modules loaded on first use import no module that the entries reach", () => {
    const { reached, lazy, lazySide, lazyImports } = lazyChunks(join(packages, "core/src"), ["index.ts", "react.ts"]);
    for (const file of lazy) expect(reached.has(file), file).toBe(false);
    for (const [file, target] of lazyImports) expect(reached.has(target), `${file} imports ${target}`).toBe(false);
    expect([...lazy].sort()).toEqual(["dispatch.ts", "failures.ts", "limiter.ts", "retry.ts"]);
    expect([...lazySide].sort()).toEqual([
      "dispatch.ts",
      "failures.ts",
      "limiter.ts",
      "operation.ts",
      "redact-request.ts",
      "refused-path.ts",
      "retry.ts",
      "secrets.ts",
    ]);
  });
});
