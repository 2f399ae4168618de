// Test set-up shared by every package. Workspace packages resolve to their
// sources through the "@sciclients/source" export condition, so tests run
// without building anything first (the type-check uses the same condition).
import { defaultClientConditions, defaultServerConditions } from "vite";
import type { ViteUserConfig } from "vitest/config";

const SOURCE = "@sciclients/source";

export function workspaceTestConfig(overrides: ViteUserConfig["test"] = {}): ViteUserConfig {
  return {
    resolve: { conditions: [SOURCE, ...defaultClientConditions] },
    ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions] } },
    test: {
      include: ["test/**/*.test.{ts,tsx}"],
      environment: "node",
      testTimeout: 30_000,
      // The JSON file is what `pnpm test` sums into its closing line.
      reporters: ["default", ["json", { outputFile: ".vitest-results.json" }]],
      ...overrides,
    },
  };
}
