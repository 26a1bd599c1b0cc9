import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The CLI tests run the built CLI: build it from src before any test.
    globalSetup: ["test/support/build-dist.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Emulators are real processes; two cores cannot host many at once.
    maxWorkers: 2,
    pool: "forks",
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
