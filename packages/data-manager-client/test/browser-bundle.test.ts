// Nothing Node-only reaches a browser bundle: an app using a client, its hooks,
// the pipeline and sign-in is bundled for the browser (esbuild, platform
// browser, no Node globals defined), and the output must hold no Node built-in,
// no `buffer` or `process` module, and no bare `Buffer` or `process.` that a
// bundler like webpack or Next.js would fill with a polyfill.
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const app = `
import { createDataManagerClient, isApiError, isAuthError } from "@sciclients/data-manager-client";
import { getProjects } from "@sciclients/data-manager-client/functions";
import { useGetProjects } from "@sciclients/data-manager-client/project";
import { staticBearer, passwordGrant, apiKey, deviceGrant } from "@sciclients/auth";
const dm = createDataManagerClient({ baseURL: "/api", auth: staticBearer("t"), retry: {} });
console.log(dm, getProjects, useGetProjects, passwordGrant, apiKey, deviceGrant, isApiError, isAuthError);
`;

async function bundle(): Promise<{ text: string; inputs: string[] }> {
  const result = await build({
    stdin: { contents: app, resolveDir: import.meta.dirname, loader: "ts" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    conditions: ["@sciclients/source", "browser", "import", "module", "default"],
    external: ["react", "react-dom", "@tanstack/react-query", "axios"],
    metafile: true,
    logLevel: "silent",
  });
  const text = result.outputFiles.map((file) => file.text).join("\n");
  return { text, inputs: Object.keys((result.metafile as Metafile).inputs) };
}

describe("a browser bundle of an app using sciclients", () => {
  it("reaches no Node built-in and no polyfill-needing global", async () => {
    const { text, inputs } = await bundle();
    expect(inputs.some((input) => input.endsWith("core/src/dispatch.ts"))).toBe(true);
    expect(inputs.filter((input) => /^node:|(^|\/)node_modules\/(buffer|process)\//.test(input))).toEqual([]);
    expect(text).not.toMatch(/\bfrom\s*["'](node:)?(buffer|process|http|https|stream|fs|path|os|crypto)["']/);
    expect(text).not.toMatch(/\brequire\(["'](node:)?\w+["']\)/);
    const bareGlobals = [...text.matchAll(/(?<![.\w$])(Buffer|process)\b(?!\s*:)/g)].map((m) =>
      text.slice(Math.max(0, (m.index ?? 0) - 40), (m.index ?? 0) + 30),
    );
    expect(bareGlobals).toEqual([]);
  });
});
