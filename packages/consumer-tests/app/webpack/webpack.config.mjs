// A browser build set up as Next.js sets up webpack for the client: `buffer` and
// `process` polyfilled (resolve.fallback plus ProvidePlugin for the bare
// globals), the `node:` scheme stripped, every other Node built-in resolved to
// an empty module (Next.js maps some to browserify ports, some to nothing).
// So code that mentions `Buffer` or `process`, or imports a built-in, builds
// quietly and carries the polyfill: the test reads the module list in the
// stats to catch it. The entry file is written by the test (`ENTRY`).
import { builtinModules, createRequire } from "node:module";
import path from "node:path";
import webpack from "webpack";

const require = createRequire(import.meta.url);
const here = import.meta.dirname;
const builtins = builtinModules.filter((name) => !name.startsWith("_") && !name.includes("/"));

export default {
  mode: "production",
  target: "web",
  context: here,
  entry: path.resolve(here, process.env.ENTRY ?? "src/app.mjs"),
  output: { path: path.join(here, "dist", path.basename(process.env.ENTRY ?? "app", ".mjs")), filename: "bundle.js", clean: true },
  // Minifying changes nothing the test reads, and costs most of the build's time; without
  // concatenation the stats name the very module that brought each polyfill in.
  optimization: { minimize: false, concatenateModules: false },
  performance: { hints: false },
  resolve: {
    fallback: {
      ...Object.fromEntries(builtins.map((name) => [name, false])),
      buffer: require.resolve("buffer/"),
      process: require.resolve("process/browser.js"),
    },
  },
  plugins: [
    new webpack.NormalModuleReplacementPlugin(/^node:/, (resource) => {
      resource.request = resource.request.slice("node:".length);
    }),
    new webpack.ProvidePlugin({ Buffer: ["buffer", "Buffer"], process: "process/browser.js" }),
  ],
};
