import { defineConfig } from "vitest/config";
import { workspaceTestConfig } from "../../vitest.shared.ts";

// The end-to-end test builds the app and drives it in Chromium: minutes, not seconds, on a busy machine.
export default defineConfig(workspaceTestConfig({ testTimeout: 120_000, hookTimeout: 180_000 }));
