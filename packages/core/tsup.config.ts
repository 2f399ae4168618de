import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/react.ts", "src/retry-entry.ts", "src/validation.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
});
