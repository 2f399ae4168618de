// The few git questions specs:diff asks: a file's text at a ref, and a short name for the ref.
import { spawnSync } from "node:child_process";

function git(root: string, args: string[]) {
  return spawnSync("git", args, { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
}

/** The commit a ref names, or throws a readable error. */
export function resolveRef(root: string, ref: string): string {
  const run = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (run.error) throw new Error(`git is needed to read ${ref}: ${run.error.message}`);
  if (run.status !== 0) {
    const inside = git(root, ["rev-parse", "--is-inside-work-tree"]);
    if (inside.status !== 0) throw new Error(`${root} is not a git checkout, so there is no committed spec to compare with`);
    throw new Error(`unknown git ref ${JSON.stringify(ref)}`);
  }
  return run.stdout.trim();
}

/** The text of `file` (relative to root) at `commit`, or undefined when it did not exist there. */
export function showFile(root: string, commit: string, file: string): string | undefined {
  const run = git(root, ["show", `${commit}:./${file.split("\\").join("/")}`]);
  if (run.status === 0) return run.stdout;
  if (/does not exist|exists on disk, but not in/.test(run.stderr)) return undefined;
  throw new Error(`git show ${commit.slice(0, 12)}:${file} failed: ${run.stderr.trim()}`);
}
