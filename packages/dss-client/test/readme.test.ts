// The README's code blocks are the files of test/readme/, which the package's
// type-check covers: a block edited without its file (or the reverse) fails here.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const here = import.meta.dirname;
const readme = readFileSync(path.join(here, "../README.md"), "utf8");
const blocks = [...readme.matchAll(/```(ts|tsx)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], code: m[2] }));
const files = ["list-project-keys.ts", "settings.ts", "run-job.ts", "long-tasks.ts", "rows.ts", "helpers.ts", "app.tsx"];

describe("README examples", () => {
  it("has one TypeScript block per example file, in order", () => {
    expect(blocks.map((b) => b.lang)).toEqual(files.map((f) => path.extname(f).slice(1)));
  });

  for (const [index, file] of files.entries()) {
    it(`block ${index + 1} is test/readme/${file}`, () => {
      expect(blocks[index]?.code).toBe(readFileSync(path.join(here, "readme", file), "utf8"));
    });
  }

  it("shows the seed's calls: an API-key client listing project keys, and a job run that waits", () => {
    expect(blocks[0]?.code).toMatch(/dssApiKey\(/);
    expect(blocks[0]?.code).toMatch(/listProjectKeys\(client\)/);
    expect(blocks[2]?.code).toMatch(/runJobAndWait\(/);
    expect(blocks[6]?.code).toMatch(/useListProjects\(/);
  });
});
