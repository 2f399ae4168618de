// Headless Chromium from the system for the browser tests of every package:
// CHROMIUM_PATH, else chromium (Debian's package, from scripts/install-chromium.sh) on the PATH.
import { existsSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";

function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    for (const dir of dirs) if (existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath || !existsSync(executablePath)) {
    throw new Error(
      `No Chromium ${executablePath ? `at ${executablePath}` : "on the PATH"}: run scripts/install-chromium.sh (Debian/Ubuntu, as root) or set CHROMIUM_PATH to a Chromium or Chrome binary`,
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    // No sandbox as root in a container; no background traffic on a closed network.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
