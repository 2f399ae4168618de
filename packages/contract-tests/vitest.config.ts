import { defineConfig } from "vitest/config";
import { workspaceTestConfig } from "../../vitest.shared.ts";

// One test file: one Prism process serves the five specs from its beforeAll.
// Starting Prism on a busy two-core machine can take a while; requests are bounded by the client timeout.
export default defineConfig(workspaceTestConfig({ hookTimeout: 120_000, testTimeout: 30_000 }));
