import { defineConfig } from "tsup";

// One executable file: the workspace packages (clients, auth, core) are bundled
// from their sources (the "@sciclients/source" condition), so the bin needs no
// client built first and the published package carries only third-party
// dependencies, listed in package.json.
export default defineConfig({
  entry: { bin: "src/bin.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  clean: true,
  sourcemap: false,
  // src/bin.ts loads the program with import(): its own chunk, so Ctrl-C is
  // handled before the program and its dependencies have loaded.
  splitting: true,
  treeshake: true,
  noExternal: [/^@sciclients\//],
  banner: { js: "#!/usr/bin/env node" },
  esbuildOptions(options) {
    options.conditions = ["@sciclients/source", "import", "node"];
  },
});
