import { defineConfig } from "vitest/config";
import { workspaceTestConfig } from "../../vitest.shared.ts";

// The generator's unit tests sit beside the modules they test.
export default defineConfig(workspaceTestConfig({ include: ["src/**/*.test.ts"] }));
