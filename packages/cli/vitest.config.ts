import { defineConfig } from "vitest/config";
import { workspaceTestConfig } from "../../vitest.shared.ts";

// The tests run the built bin (dist/bin.js) as a subprocess; turbo builds it first.
export default defineConfig(workspaceTestConfig());
