// `node ../../scripts/typecheck.mjs` in a client package: the `typecheck` script
// new-client writes for a very large API (over 500 operations). It checks the
// package with the compiler new-client's own check uses (prepare/compiler.ts):
// TypeScript 7's binary, which checks GitHub's REST document without a heap
// flag; where that binary is missing, TypeScript 5 with a 12 GB heap, saying
// why. SCICLIENTS_TSC=5|7 chooses, as for new-client. Arguments go to tsc.
import { spawn } from "node:child_process";
import { requireTool } from "../paths.ts";
import { selectCompiler } from "../prepare/compiler.ts";

/** TypeScript 5 on a very large API (Kubernetes: 6 GB) needs more than Node's default heap. */
const TYPESCRIPT5_HEAP_MB = 12288;

export async function main(args: string[]): Promise<void> {
  const compiler = selectCompiler();
  const tscArgs = ["--noEmit", "-p", "tsconfig.json", ...args];
  let command: string;
  let commandArgs: string[];
  if (compiler.kind === "native") {
    command = compiler.exe;
    commandArgs = tscArgs;
  } else {
    if (compiler.reason) console.error(`typecheck: TypeScript ${compiler.version}, since ${compiler.reason}`);
    command = process.execPath;
    commandArgs = [`--max-old-space-size=${TYPESCRIPT5_HEAP_MB}`, requireTool.resolve("typescript/bin/tsc"), ...tscArgs];
  }
  process.exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: "inherit" });
    child.on("error", reject);
    // A compiler killed by a signal has no exit code: still a failure.
    child.on("close", (code) => resolve(code ?? 1));
  });
}
