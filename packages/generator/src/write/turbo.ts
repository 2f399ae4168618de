// Write: each client's turbo.json, which follows its manifest entry (scaffold/scaffold.ts says what it holds).
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot as root } from "../paths.ts";
import { turboConfig } from "../scaffold/scaffold.ts";
import type { Service } from "../types.ts";

export async function writeTurboConfigs(services: Service[]): Promise<void> {
  for (const service of services) {
    const file = path.join(root, service.directory, "turbo.json");
    const wanted = turboConfig(service);
    if (!existsSync(file) || (await readFile(file, "utf8")) !== wanted) await writeFile(file, wanted);
  }
}
