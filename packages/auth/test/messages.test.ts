// Every message the library writes (AuthError in core and auth, ApiError in
// core) reaches the reader as written: redaction takes out known secrets and
// token-shaped values, never words such as "token", "bearer" or "password".
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ApiError } from "@sciclients/core";
import { describe, expect, it } from "vitest";
import { AuthError } from "../src/index.js";

const packages = resolve(import.meta.dirname, "../..");
const sources = ["core/src", "auth/src"].flatMap((dir) =>
  readdirSync(join(packages, dir))
    .filter((file) => file.endsWith(".ts"))
    .map((file) => ({ file: `${dir}/${file}`, text: readFileSync(join(packages, dir, file), "utf8") })),
);

/**
 * The string and template literals of the expression right after `pattern`
 * (one, or both arms of a `cond ? "…" : "…"`), a template's `${…}` parts filled
 * in with sample values.
 */
function literalsAfter(pattern: RegExp): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const { file, text } of sources) {
    for (const match of text.matchAll(pattern)) {
      let i = (match.index ?? 0) + match[0].length;
      let depth = 0;
      for (; i < text.length; i++) {
        const ch = text[i] as string;
        if (ch === '"' || ch === "`") {
          let end = i + 1;
          let inner = 0;
          while (end < text.length && !(text[end] === ch && inner === 0)) {
            if (ch === "`" && text.startsWith("${", end)) inner++;
            else if (inner > 0 && text[end] === "}") inner--;
            if (text[end] === "\\") end++;
            end++;
          }
          let n = 0;
          if (depth === 0) out.push({ file, text: text.slice(i + 1, end).replace(/\$\{(?:[^{}]|\{[^}]*\})*\}/g, () => `value${++n}`) });
          i = end;
        } else if ("([{".includes(ch)) depth++;
        else if (")]}".includes(ch)) {
          if (depth === 0) break;
          depth--;
        } else if ((ch === "," || ch === ";") && depth === 0) break;
      }
    }
  }
  return out;
}

const authMessages = [
  ...literalsAfter(/new AuthError\(\s*|\bstoreError\(\s*/g),
  // The sign-in failures oidc-errors.ts describes, made into AuthErrors by oidc.ts.
  ...literalsAfter(/\bmessage:\s*/g).filter(({ file }) => file === "auth/src/oidc-errors.ts"),
];
// The pipeline's own AxiosErrors become the end of an ApiError's message.
const apiMessages = literalsAfter(/\bmessage:\s*|const message =\s*|new AxiosError\(\s*/g).filter(({ file }) => file.startsWith("core/"));
const secrets = ["a-real-secret-value", "eyJhbGciOiJub25lIn0.e30.c2ln"];

describe("messages are shown as written", () => {
  it("finds the library's messages", () => {
    expect(authMessages.length).toBeGreaterThan(25);
    expect(apiMessages.length).toBeGreaterThanOrEqual(4);
  });

  it.each(authMessages.map(({ file, text }) => [file, text]))("AuthError in %s: %s", (_file, text) => {
    expect(new AuthError(text, { code: "configuration", secrets }).message).toBe(text);
  });

  it.each(apiMessages.map(({ file, text }) => [file, text]))("ApiError in %s: %s", (_file, text) => {
    const error = new ApiError({
      service: "s",
      status: 500,
      code: undefined,
      message: text,
      body: undefined,
      method: "GET",
      url: "https://h/x",
      secrets,
    });
    expect(error.message).toBe(text);
  });
});
