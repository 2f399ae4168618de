import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lazyChunks } from "../../../lazy-chunks.shared.ts";
import * as root from "../src/index.js";
import * as node from "../src/node.js";
import { AuthError, promptHidden, staticBearer } from "../src/node.js";

const src = resolve(dirname(fileURLToPath(import.meta.url)), "..", "src");

/** Every module the given source file reaches through static imports, and the bare specifiers it imports. */
function importGraph(entry: string): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/(?:import|export)[^"';]*?from\s+"([^"]+)"|import\s*\(\s*"([^"]+)"\s*\)/g)) {
      const spec = match[1] ?? match[2];
      if (!spec) continue;
      if (spec.startsWith(".")) visit(join(dirname(file), spec.replace(/\.js$/, ".ts")));
      else bare.add(spec);
    }
  };
  visit(entry);
  return { files, bare };
}

describe("entries", () => {
  it("the root entry is browser-safe: it reaches no Node built-in and no Node-only module", () => {
    const { files, bare } = importGraph(join(src, "index.ts"));
    // axios for types only; openid-client loaded on demand (next test)
    expect([...bare].sort()).toEqual(["@sciclients/core", "axios", "openid-client"]);
    const names = [...files].map((f) => f.slice(src.length + 1)).sort();
    for (const nodeOnly of ["file-store.ts", "settings.ts", "prompt.ts", "insecure.ts"]) expect(names).not.toContain(nodeOnly);
    for (const file of files) expect(readFileSync(file, "utf8")).not.toMatch(/\bprocess\.|\bBuffer\.|require\(/);
  });

  it("OAuth code loads only when a grant is used: openid-client is imported dynamically, once", () => {
    const { files } = importGraph(join(src, "index.ts"));
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/^import [^t][^;]*from "openid-client"/m);
    }
    const oidc = readFileSync(join(src, "oidc-grants.ts"), "utf8");
    expect(oidc.match(/=\s*import\("openid-client"\)/g)).toHaveLength(1);
  });

  it("modules loaded on first use import only types and modules no entry reaches: what they use of the rest is lent", () => {
    // See lazy-chunks.shared.ts.
    const { reached, lazy, lazySide, lazyImports } = lazyChunks(src, ["index.ts", "node.ts"]);
    for (const file of lazy) expect(reached.has(file), file).toBe(false);
    for (const [file, target] of lazyImports) expect(reached.has(target), `${file} imports ${target}`).toBe(false);
    expect([...lazy].sort()).toEqual(["oidc-errors.ts", "oidc-grants.ts", "static-refusals.ts", "token-keeper.ts"]);
    expect([...lazySide].sort()).toEqual([
      "oidc-errors.ts",
      "oidc-grants.ts",
      "refused-headers.ts",
      "static-refusals.ts",
      "token-keeper.ts",
    ]);
    // Nor packages other than openid-client, which only the grants load.
    for (const file of lazySide) {
      const packages = [...readFileSync(join(src, file), "utf8").matchAll(/^import (?!type )[^;]*?from "([^.][^"]*)"/gm)].map((m) => m[1]);
      expect(
        packages.filter((name) => name !== "openid-client"),
        file,
      ).toEqual([]);
    }
  });

  it("the node entry re-exports the root entry and adds the Node-only API", () => {
    for (const name of Object.keys(root)) expect(node).toHaveProperty(name);
    for (const name of ["FileTokenStore", "SettingsReader", "keycloakSignIn", "defaultSciclientsConfigFile", "promptCredentials"]) {
      expect(node).toHaveProperty(name);
      expect(root).not.toHaveProperty(name);
    }
    expect(typeof root.attachAuth).toBe("function");
    expect(new AuthError("x", { code: "configuration" })).toBeInstanceOf(Error);
  });
});

describe("auth knows no service", () => {
  it("no code names a service's settings; the resolvers live in the client packages' /node entries", () => {
    expect(node).not.toHaveProperty("resolveDserverSettings");
    for (const file of readdirSync(src).filter((f) => f.endsWith(".ts"))) {
      // code only: a doc comment may give a service's variable as an example
      const text = readFileSync(join(src, file), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      expect({ file, names: text.match(/\b(DSERVER|SQUONK2|DSS|ICEPROD)_[A-Z_]+|resolve\w+Settings/g) }).toEqual({ file, names: null });
    }
  });
});

describe("staticBearer", () => {
  it("a token function is asked again on renewal; the same refused token fails", async () => {
    let current = "first-token";
    const provider = staticBearer(() => current);
    expect(await provider.getAuthHeaders()).toEqual({ Authorization: "Bearer first-token" });
    current = "second-token";
    expect(await provider.getAuthHeaders({ forceRenewal: true, refusedHeaders: { Authorization: "Bearer first-token" } })).toEqual({
      Authorization: "Bearer second-token",
    });
    await expect(
      provider.getAuthHeaders({ forceRenewal: true, refusedHeaders: { Authorization: "Bearer second-token" } }),
    ).rejects.toBeInstanceOf(AuthError);
  });
});

describe("promptHidden", () => {
  it("reads a line in raw mode without echoing it, and restores the terminal", async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true, isRaw: false, modes: [] as boolean[] });
    const setRawMode = (mode: boolean) => {
      input.modes.push(mode);
      input.isRaw = mode;
    };
    const output = new PassThrough();
    let echoed = "";
    output.on("data", (chunk: Buffer) => {
      echoed += chunk.toString();
    });
    const answer = promptHidden("Password: ", { input: Object.assign(input, { setRawMode }), output });
    input.write("s3cr");
    input.write("x\u007fet\r");
    expect(await answer).toBe("s3cret");
    expect(echoed).toContain("Password: ");
    expect(echoed).not.toContain("s3c");
    expect(input.modes).toEqual([true, false]);
  });
});
