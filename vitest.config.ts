import { defineConfig } from "vitest/config";

// Three tiers, one config (pick one with `vitest run --project NAME`):
// - unit: in-process only (no child process, emulator, network server or built
//   CLI), the quick check while editing: `npm run test:unit`.
// - integration: against real stand-ins (moto_server, PostgreSQL, a registry, a
//   Kubernetes control plane) and the built CLI as a child process.
// - e2e: whole msdemo runs end to end, in a terminal (tmux) or killed midway.
const UNIT = "test/unit/**/*.test.ts";
const E2E = "test/e2e/**/*.test.ts";
// The CLI tests run bin/msdemo.js, which loads dist/: rebuilt from src first.
const BUILD_DIST = ["test/support/build-dist.ts"];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Emulators are real processes; two cores cannot host many at once.
    maxWorkers: 2,
    pool: "forks",
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    projects: [
      { extends: true, test: { name: "unit", include: [UNIT] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/**/*.test.ts"],
          exclude: [UNIT, E2E],
          globalSetup: BUILD_DIST,
          // Real processes on a shared machine: only the outer bound of tests that wait on conditions.
          testTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: [E2E],
          globalSetup: BUILD_DIST,
          // Whole runs wait on conditions (a process's exit, a line on screen): this
          // is only the outer bound, generous so a loaded machine does not turn them red.
          testTimeout: 300_000,
        },
      },
    ],
  },
});
