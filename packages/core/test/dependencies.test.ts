// Dependencies point one way: clients -> core <- auth. Core defines the
// CredentialsProvider interface auth implements, and depends on no auth code.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

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

/** The modules a source file reaches through run-time static imports (not `import type`), and the targets of its `import()`s. */
function runTimeImports(file: string): { statics: string[]; dynamics: string[] } {
  const text = readFileSync(file, "utf8");
  const local = (spec: string) => join(dirname(file), spec.replace(/\.js$/, ".ts"));
  const statics = [...text.matchAll(/^(?:import|export) (?!type )[^;]*?from "(\.[^"]+)"/gm)].map((m) => local(m[1] as string));
  const dynamics = [...text.matchAll(/import\("(\.[^"]+)"\)/g)].map((m) => local(m[1] as string));
  return { statics, dynamics };
}

describe("lazy chunks", () => {
  // esbuild splits by module: a module loaded with import() that imports a module the
  // entries reach too moves that module (with all it uses) into a chunk the first load
  // fetches. So the lazy modules import axios, types, and modules no entry reaches.
  it("modules loaded on first use import no module that the entries reach", () => {
    const src = join(packages, "core/src");
    const reached = new Set<string>();
    const lazy = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      const { statics, dynamics } = runTimeImports(file);
      for (const target of dynamics) lazy.add(target);
      for (const target of statics) visit(target);
    };
    for (const entry of ["index.ts", "react.ts"]) visit(join(src, entry));
    // Lazy modules and what they import statically, loading further lazy modules on their own first use.
    const lazySide = new Set<string>();
    const visitLazy = (file: string) => {
      if (lazySide.has(file)) return;
      lazySide.add(file);
      const { statics, dynamics } = runTimeImports(file);
      for (const target of statics) {
        expect(reached.has(target), `${file} imports ${target}`).toBe(false);
        visitLazy(target);
      }
      for (const target of dynamics) {
        lazy.add(target);
        visitLazy(target);
      }
    };
    for (const file of [...lazy]) {
      expect(reached.has(file), file).toBe(false);
      visitLazy(file);
    }
    expect([...lazy].map((file) => file.slice(src.length + 1)).sort()).toEqual(["dispatch.ts", "failures.ts", "limiter.ts", "retry.ts"]);
    expect([...lazySide].map((file) => file.slice(src.length + 1)).sort()).toEqual([
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
