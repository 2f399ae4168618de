import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/node.ts"],
  format: ["esm", "cjs"],
  // stripInternal keeps openid-client's types (ESM-only) out of the declarations,
  // so CommonJS projects can type-check them; see OidcTokenProvider.configuration.
  dts: { compilerOptions: { stripInternal: true } },
  clean: true,
  // No source maps: the sources are not published, and the output is readable as is.
  sourcemap: false,
  target: "es2022",
});
