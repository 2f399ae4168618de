// Fails when the committed generated code is not what the specs produce.
// Regenerates every service, then asks git whether anything generated changed.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { CLI_DIRECTORY } from "../cli-catalogue/catalogue.ts";
import { loadServices } from "../manifest/services.ts";
import { repoRoot as root } from "../paths.ts";

export async function main(_args: string[]): Promise<void> {
  const services = await loadServices(root);

  try {
    execFileSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: root, stdio: "ignore" });
  } catch {
    console.log("check:drift: not a git checkout; nothing to compare with");
    process.exit(0);
  }

  execFileSync(process.execPath, [path.join(root, "scripts/generate.mjs")], { cwd: root, stdio: "inherit" });

  let drifted = 0;
  for (const service of services) {
    const watched = ["src/generated", "package.json", "turbo.json"].map((file) => path.join(service.directory, file));
    const changes = execFileSync("git", ["status", "--porcelain", "--untracked-files=all", "--", ...watched], {
      cwd: root,
      encoding: "utf8",
    })
      .split("\n")
      .filter(Boolean);
    if (changes.length === 0) continue;
    drifted += 1;
    console.error(
      `\ncheck:drift: the generated code of ${service.package} differs from what ${service.spec} produces (${changes.length} files):`,
    );
    for (const line of changes.slice(0, 10)) console.error(`  ${line}`);
    if (changes.length > 10) console.error(`  … and ${changes.length - 10} more`);
    console.error(`Regenerate with \`pnpm generate\` (or \`node scripts/generate.mjs ${service.name}\`) and commit the result.`);
  }
  // The command line's catalogue of operations (cli-catalogue/catalogue.ts) follows every spec too.
  const cliChanges = execFileSync(
    "git",
    ["status", "--porcelain", "--untracked-files=all", "--", path.join(CLI_DIRECTORY, "src/generated")],
    {
      cwd: root,
      encoding: "utf8",
    },
  )
    .split("\n")
    .filter(Boolean);
  if (cliChanges.length > 0) {
    drifted += 1;
    console.error(`\ncheck:drift: the command line's catalogue (${CLI_DIRECTORY}/src/generated) differs from what the specs produce:`);
    for (const line of cliChanges.slice(0, 10)) console.error(`  ${line}`);
    console.error("Regenerate with `pnpm generate` and commit the result.");
  }
  if (drifted > 0) process.exit(1);
  console.log(`check:drift: generated code matches the specs for ${services.length} services`);
}
