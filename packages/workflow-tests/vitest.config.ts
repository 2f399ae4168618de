import { defineConfig } from "vitest/config";
import { workspaceTestConfig } from "../../vitest.shared.ts";

// Every test runs the real scripts as child processes; a few of them validate
// dozens of documents, hence the longer timeouts.
export default defineConfig(workspaceTestConfig({ testTimeout: 90_000, hookTimeout: 120_000 }));
