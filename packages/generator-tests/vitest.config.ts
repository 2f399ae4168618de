import { defineConfig } from "vitest/config";
import { workspaceTestConfig } from "../../vitest.shared.ts";

// Each test scaffolds and type-checks whole client packages: minutes, not seconds,
// so files run one at a time and tests get a generous timeout.
export default defineConfig(workspaceTestConfig({ testTimeout: 240_000, hookTimeout: 240_000, fileParallelism: false }));
