// The compiler of new-client's strict type-check (prepare/mocks.ts). TypeScript 7
// (the native compiler, a Go binary) checks GitHub's REST document in a fraction of
// TypeScript 5's time and memory, without a heap flag. It cannot replace TypeScript 5
// in the workspace: openapi-typescript needs TypeScript 5's JavaScript API, and
// TypeScript 7 has none that is stable. So it is a dependency of its own under an
// alias (`typescript-native`), run as a process, and found by path: its `tsc` bin
// has the same name as TypeScript 5's, so which one `.bin/tsc` is depends on the
// install. Its binary comes from a platform package (an optional dependency);
// where that is missing, the check falls back to TypeScript 5 and says so.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { packageDir, requireTool } from "../paths.ts";

/** The compiler that type-checks a package: TypeScript 7's binary, or TypeScript 5 in this process. */
export type Compiler =
  | { kind: "native"; version: string; exe: string }
  | { kind: "typescript"; version: string /** Why not the native one, when it was wanted. */; reason?: string };

/**
 * TypeScript 7's binary for this platform, or why there is none. The options
 * stand in for another installation or platform (tests).
 */
export function nativeCompiler({
  from = packageDir,
  alias = "typescript-native",
  platform = process.platform,
  arch = process.arch,
}: {
  from?: string;
  alias?: string;
  platform?: string;
  arch?: string;
} = {}): { exe: string; version: string } | { missing: string } {
  const platformPackage = `@typescript/typescript-${platform}-${arch}`;
  let pkgDir: string;
  let version: string;
  try {
    const pkgJson = createRequire(path.join(from, "package.json")).resolve(`${alias}/package.json`);
    pkgDir = path.dirname(pkgJson);
    version = String((createRequire(pkgJson)("./package.json") as { version: unknown }).version);
  } catch {
    return { missing: `${alias} (TypeScript 7) is not installed; run pnpm install` };
  }
  try {
    // The platform package is TypeScript 7's own optional dependency: resolved from its folder.
    const platformJson = createRequire(path.join(pkgDir, "package.json")).resolve(`${platformPackage}/package.json`);
    const exe = path.join(path.dirname(platformJson), "lib", platform === "win32" ? "tsc.exe" : "tsc");
    if (!existsSync(exe)) return { missing: `${platformPackage} has no compiler at ${exe}` };
    return { exe, version };
  } catch {
    return {
      missing: `${platformPackage} (TypeScript 7's binary for this platform) is not installed: pnpm installs only the current platform's unless pnpm-workspace.yaml's supportedArchitectures lists it`,
    };
  }
}

/**
 * The compiler new-client type-checks with: TypeScript 7 when its binary is
 * there, else TypeScript 5 (with the reason). SCICLIENTS_TSC=5 asks for
 * TypeScript 5, to compare the two or to sidestep a difference between them.
 */
export function selectCompiler(env: NodeJS.ProcessEnv = process.env, find: typeof nativeCompiler = nativeCompiler): Compiler {
  const typescript5 = (reason?: string): Compiler => ({
    kind: "typescript",
    version: String((requireTool("typescript/package.json") as { version: unknown }).version),
    ...(reason ? { reason } : {}),
  });
  if (env.SCICLIENTS_TSC === "5") return typescript5();
  const native = find({});
  if ("missing" in native) {
    if (env.SCICLIENTS_TSC === "7") throw new Error(`SCICLIENTS_TSC=7: ${native.missing}`);
    return typescript5(native.missing);
  }
  return { kind: "native", ...native };
}
