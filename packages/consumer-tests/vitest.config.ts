import { defineConfig } from "vitest/config";
import { workspaceTestConfig } from "../../vitest.shared.ts";

// test/consumer.test.ts, its steps in order: packing and the npm install (cached
// by content in the system's temp folder) come first, then type-checks, Node runs
// and Vite builds in the installed apps; test/cli.test.ts installs the packed
// command line alone and runs it with npx. A cold install downloads from npm.
export default defineConfig(workspaceTestConfig({ hookTimeout: 600_000, testTimeout: 180_000 }));
