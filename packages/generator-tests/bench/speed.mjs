#!/usr/bin/env node
// `pnpm bench:generate [--spec <file>] [--rounds N] [--github <path|url|npm>] [--skip-all] [--skip-ts5]`
// (`pnpm --filter @sciclients/generator-tests bench:speed …`)
//
// The speed limits of the generator, each printed with PASS or FAIL:
//  1. one spec (specs/data-manager.yaml by default): our generator (`generate
//     <name> --force` in a temporary workspace) against plain orval writing the
//     same kinds of output (React Query hooks, tags-split, MSW mocks) into a
//     temporary folder, in alternating rounds; median wall and CPU time, and
//     ours / orval's wall time against the limit of 1.5;
//  2. a cold `node scripts/generate.mjs --force` of every service (limit 10 s)
//     and `pnpm generate` with nothing to do (limit 1 s; the second of two runs after
//     the forced one, whose rewritten files the first hashes again), in this workspace:
//     they rewrite the same files (the bench says so if any file changed);
//  3. with --github: `new-client` on GitHub's REST document, its generation
//     (`--skip-mock-check`) and the strict type-check of the new package
//     measured separately, each with wall and CPU time, the peak resident
//     memory of its process tree and whether it needed a bigger heap (it runs
//     without a heap flag first); limits 60 s and 45 s. `--github npm` takes the
//     document from @octokit/openapi, the package the real-spec bench uses.
//
// CPU time is bash's `times` for the command's process tree; peak memory is the
// largest sum of the tree's resident sets, sampled every 100 ms.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { makeWorkspace, repoRoot, run, spawnCollected } from "../lib/workspace.mjs";

const LIMITS = { ratio: 1.5, cold: 10_000, noop: 1_000, githubGenerate: 60_000, githubCheck: 45_000 };
const OCTOKIT = "@octokit/openapi@23.0.2";
const BIG_HEAP = "--max-old-space-size=12288";

const { values } = parseArgs({
  options: {
    spec: { type: "string", default: "specs/data-manager.yaml" },
    rounds: { type: "string", default: "5" },
    github: { type: "string" },
    "skip-all": { type: "boolean", default: false },
    "skip-ts5": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(
    readFileSync(new URL(import.meta.url), "utf8")
      .split("\n")
      .slice(1, 20)
      .join("\n")
      .replace(/^\/\/ ?/gm, ""),
  );
  process.exit(0);
}
const rounds = Math.max(1, Number(values.rounds) || 5);

/** Pids of `root` and every process below it. */
function tree(root) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces: the fields start after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const pids = [];
  for (const queue = [root]; queue.length > 0; ) {
    const pid = queue.pop();
    pids.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return pids;
}

const rssOf = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
};

/**
 * Runs a command under bash and resolves to its exit code, output, wall time,
 * CPU time (user + system of every process it started) and peak memory.
 */
function measure(command, args, { cwd = repoRoot, env = {}, timeoutMs = 1_800_000 } = {}) {
  const started = performance.now();
  // `times` prints the shell's own CPU time, then its children's: on fd 3, apart from the output.
  const { child, done } = spawnCollected("bash", ["-c", '"$@"; code=$?; times >&3; exit $code', "bench", command, ...args], {
    cwd,
    env,
    timeoutMs,
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  let times = "";
  child.stdio[3].on("data", (d) => {
    times += d;
  });
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(
      peak,
      tree(child.pid).reduce((sum, pid) => sum + rssOf(pid), 0),
    );
  }, 100);
  return done.then(({ code, stdout, stderr }) => {
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    const seconds = (t) => {
      const m = /(\d+)m([\d.]+)s/.exec(t ?? "");
      return m ? (Number(m[1]) * 60 + Number(m[2])) * 1000 : Number.NaN;
    };
    const children = times.trim().split("\n")[1]?.trim().split(/\s+/) ?? [];
    const cpuMs = seconds(children[0]) + seconds(children[1]);
    return { code, stdout, stderr, wallMs, cpuMs, peakBytes: peak };
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;
const verdict = (ok) => (ok ? "PASS" : "FAIL");
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const failure = (r) => (r.stderr.trim() || r.stdout.trim()).split("\n").slice(-5).join("\n  ");
let failed = false;
const report = (label, ok, text) => {
  if (!ok) failed = true;
  console.log(`${verdict(ok)}  ${label}: ${text}`);
};

console.log(`Node ${process.version}, ${cpus().length} cores, load average ${load()} at the start`);

// 1. One spec: ours against plain orval, alternating so load changes hit both alike.
{
  const spec = path.resolve(repoRoot, values.spec);
  if (!existsSync(spec)) throw new Error(`--spec ${values.spec}: no such file`);
  const ws = makeWorkspace("sciclients-speed-");
  const orvalDir = mkdtempSync(path.join(tmpdir(), "sciclients-speed-orval-"));
  try {
    // The service is set up once (new-client without its type-check), then generated again each round.
    const setup = await run(process.execPath, [path.join(ws.dir, "scripts/new-client.mjs"), "bench", "--spec", spec, "--skip-mock-check"], {
      cwd: ws.dir,
      timeoutMs: 1_800_000,
    });
    if (setup.code !== 0) throw new Error(`new-client on ${values.spec} failed:\n${setup.stderr}`);
    // orval 7.13.2 ignores an ESM config named with --config on Node 20.19+; CommonJS works.
    const config = path.join(orvalDir, "orval.config.cjs");
    writeFileSync(
      config,
      `module.exports = ${JSON.stringify(
        {
          bench: {
            input: { target: spec },
            output: {
              mode: "tags-split",
              target: path.join(orvalDir, "out/endpoints"),
              schemas: path.join(orvalDir, "out/model"),
              client: "react-query",
              httpClient: "axios",
              clean: true,
              prettier: false,
              mock: { type: "msw" },
            },
          },
        },
        null,
        2,
      )};\n`,
    );
    const orvalBin = path.join(repoRoot, "node_modules/.bin/orval");
    const ours = [];
    const orval = [];
    console.log(`\n1. ${values.spec}: our generator against plain orval, ${rounds} alternating rounds`);
    for (let round = 0; round < rounds; round++) {
      const a = await measure(process.execPath, [path.join(ws.dir, "scripts/generate.mjs"), "bench", "--force"], { cwd: ws.dir });
      if (a.code !== 0) throw new Error(`generate failed:\n  ${failure(a)}`);
      const b = await measure(orvalBin, ["--config", config], { cwd: orvalDir });
      if (b.code !== 0) throw new Error(`plain orval failed:\n  ${failure(b)}`);
      ours.push(a);
      orval.push(b);
      console.log(
        `   round ${round + 1}: ours ${sec(a.wallMs)} wall, ${sec(a.cpuMs)} CPU; orval ${sec(b.wallMs)} wall, ${sec(b.cpuMs)} CPU [load ${load()}]`,
      );
    }
    const oursWall = median(ours.map((r) => r.wallMs));
    const orvalWall = median(orval.map((r) => r.wallMs));
    const ratio = oursWall / orvalWall;
    console.log(
      `   median ours:  ${sec(oursWall)} wall, ${sec(median(ours.map((r) => r.cpuMs)))} CPU, peak ${mb(median(ours.map((r) => r.peakBytes)))}`,
    );
    console.log(
      `   median orval: ${sec(orvalWall)} wall, ${sec(median(orval.map((r) => r.cpuMs)))} CPU, peak ${mb(median(orval.map((r) => r.peakBytes)))}`,
    );
    report("one spec, ours / plain orval (wall)", ratio <= LIMITS.ratio, `${ratio.toFixed(2)}× (limit ${LIMITS.ratio}×)`);
  } finally {
    ws.dispose();
    rmSync(orvalDir, { recursive: true, force: true });
  }
}

// 2. Every service, cold and with nothing to do, in this workspace.
if (!values["skip-all"]) {
  const status = () => spawnSync("git", ["status", "--porcelain"], { cwd: repoRoot, encoding: "utf8" }).stdout;
  const before = status();
  console.log(`\n2. every service (specs/services.yaml), in ${repoRoot}, ${rounds} rounds`);
  const cold = [];
  const noop = [];
  const afterRewrite = [];
  for (let round = 0; round < rounds; round++) {
    const a = await measure(process.execPath, ["scripts/generate.mjs", "--force"]);
    if (a.code !== 0) throw new Error(`node scripts/generate.mjs --force failed:\n  ${failure(a)}`);
    // The first `pnpm generate` after the forced run finds every generated file rewritten
    // (same bytes, new times), so git and turbo hash them again; the second is the
    // steady state of a workspace where nothing changed, which the limit is about.
    const first = await measure("pnpm", ["generate"]);
    if (first.code !== 0) throw new Error(`pnpm generate failed:\n  ${failure(first)}`);
    const b = await measure("pnpm", ["generate"]);
    if (b.code !== 0) throw new Error(`pnpm generate failed:\n  ${failure(b)}`);
    cold.push(a);
    afterRewrite.push(first);
    noop.push(b);
    console.log(
      `   round ${round + 1}: cold ${sec(a.wallMs)} wall, ${sec(a.cpuMs)} CPU; no-op right after it ${sec(first.wallMs)} wall, ` +
        `then ${sec(b.wallMs)} wall, ${sec(b.cpuMs)} CPU [load ${load()}]`,
    );
  }
  const coldWall = median(cold.map((r) => r.wallMs));
  const noopWall = median(noop.map((r) => r.wallMs));
  report(
    "cold `node scripts/generate.mjs --force`",
    coldWall <= LIMITS.cold,
    `${sec(coldWall)} wall, ${sec(median(cold.map((r) => r.cpuMs)))} CPU (limit ${sec(LIMITS.cold)})`,
  );
  report(
    "`pnpm generate` with nothing to do",
    noopWall <= LIMITS.noop,
    `${sec(noopWall)} wall, ${sec(median(noop.map((r) => r.cpuMs)))} CPU (limit ${sec(LIMITS.noop)}); ` +
      `right after the forced run, with every generated file rewritten: ${sec(median(afterRewrite.map((r) => r.wallMs)))} wall`,
  );
  if (status() !== before) console.log("   note: the runs changed files in the workspace (git status differs): see git diff");
}

/** The GitHub document as a local file: a path, a URL (downloaded) or `npm` (from @octokit/openapi). */
async function githubDocument(source) {
  if (source === "npm") {
    const cache = path.join(tmpdir(), "sciclients-real-specs/octokit"); // the real-spec bench's cache
    const file = path.join(cache, "package/generated/api.github.com.json");
    if (!existsSync(file)) {
      mkdirSync(cache, { recursive: true });
      const packed = await run("npm", ["pack", OCTOKIT, "--silent"], { cwd: cache, timeoutMs: 300_000 });
      if (packed.code !== 0) throw new Error(`npm pack ${OCTOKIT} failed: ${packed.stderr}`);
      const untar = await run("tar", ["xzf", packed.stdout.trim().split("\n").at(-1)], { cwd: cache });
      if (untar.code !== 0) throw new Error(`tar: ${untar.stderr}`);
    }
    return file;
  }
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`${source}: HTTP ${response.status}`);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "sciclients-speed-github-")), "api.github.com.json");
    writeFileSync(file, await response.text());
    return file;
  }
  if (!existsSync(source)) throw new Error(`--github ${source}: no such file`);
  return path.resolve(source);
}

/** Runs `make(env)` without a heap flag, and again with a 12 GB heap if the heap ran out. */
async function withoutHeapFlag(make) {
  const plain = await make({ NODE_OPTIONS: "" });
  if (plain.code === 0 || !/heap out of memory|Allocation failed/i.test(plain.stderr)) return { ...plain, heapFlag: false };
  console.log(`   ran out of heap without a flag (${sec(plain.wallMs)}, peak ${mb(plain.peakBytes)}): again with ${BIG_HEAP}`);
  return { ...(await make({ NODE_OPTIONS: BIG_HEAP })), heapFlag: true };
}

/** TypeScript 7's native compiler as the generator resolves it (src/prepare/compiler.ts), or undefined. */
function nativeTsc() {
  try {
    const require = createRequire(path.join(repoRoot, "packages/generator/package.json"));
    const pkg = path.dirname(require.resolve("typescript-native/package.json"));
    const platform = createRequire(path.join(pkg, "package.json")).resolve(
      `@typescript/typescript-${process.platform}-${process.arch}/package.json`,
    );
    const exe = path.join(path.dirname(platform), "lib/tsc");
    return existsSync(exe) ? exe : undefined;
  } catch {
    return undefined;
  }
}

// 3. GitHub's REST document: generation and type-check apart.
if (values.github) {
  const file = await githubDocument(values.github);
  const ws = makeWorkspace("sciclients-speed-github-");
  try {
    console.log(`\n3. GitHub's REST document (${file}), one round each [load ${load()}]`);
    const generated = await withoutHeapFlag((env) =>
      measure(process.execPath, [path.join(ws.dir, "scripts/new-client.mjs"), "github", "--spec", file, "--skip-mock-check"], {
        cwd: ws.dir,
        env,
      }),
    );
    const generateLine = `${sec(generated.wallMs)} wall, ${sec(generated.cpuMs)} CPU, peak ${mb(generated.peakBytes)}, heap flag ${generated.heapFlag ? "needed" : "not needed"}`;
    if (generated.code !== 0) {
      report("GitHub generation", false, `failed after ${generateLine}:\n  ${failure(generated)}`);
    } else {
      report(
        "GitHub generation (new-client --skip-mock-check)",
        generated.wallMs <= LIMITS.githubGenerate && !generated.heapFlag,
        `${generateLine} (limit ${sec(LIMITS.githubGenerate)}, no heap flag)`,
      );
      ws.link("github");
      const pkg = ws.pkg("github");
      const tsc = nativeTsc();
      if (!tsc)
        report(
          "GitHub type-check, TypeScript 7",
          false,
          "the native compiler is not installed (typescript-native and its platform package)",
        );
      else {
        const checked = await measure(tsc, ["--noEmit", "-p", "tsconfig.json", "--pretty", "false"], { cwd: pkg });
        const errors = checked.stdout.split("\n").filter((l) => /error TS/.test(l)).length;
        report(
          "GitHub type-check, TypeScript 7 (what new-client uses)",
          checked.wallMs <= LIMITS.githubCheck,
          `${sec(checked.wallMs)} wall, ${sec(checked.cpuMs)} CPU, peak ${mb(checked.peakBytes)}, no heap (native), ${errors} errors, exit ${checked.code} (limit ${sec(LIMITS.githubCheck)})`,
        );
      }
      if (!values["skip-ts5"]) {
        const tsc5 = path.join(repoRoot, "packages/generator/node_modules/typescript/bin/tsc");
        const checked = await withoutHeapFlag((env) =>
          measure(process.execPath, [tsc5, "--noEmit", "-p", "tsconfig.json", "--pretty", "false"], { cwd: pkg, env }),
        );
        const errors = checked.stdout.split("\n").filter((l) => /error TS/.test(l)).length;
        console.log(
          `info  GitHub type-check, TypeScript 5.9.3 (for comparison): ${sec(checked.wallMs)} wall, ${sec(checked.cpuMs)} CPU, peak ${mb(checked.peakBytes)}, heap flag ${checked.heapFlag ? "needed" : "not needed"}, ${errors} errors, exit ${checked.code}`,
        );
      }
    }
  } finally {
    ws.dispose();
  }
}
console.log(`\nload average ${load()} at the end`);
process.exitCode = failed ? 1 : 0;
