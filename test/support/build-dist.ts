// vitest globalSetup: the CLI tests run bin/msdemo.js, which loads dist/. Build it
// from the source first, so a test always sees the code as it is now.
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

// Set once built: the integration and e2e projects both name this setup, and a
// second build (which empties dist/ first) must not run under the first one's tests.
const BUILT = "MSDEMO_TEST_DIST_BUILT";

export default function buildDist(): void {
  if (process.env[BUILT] === String(process.pid)) return;
  execFileSync(process.execPath, [resolve(import.meta.dirname, "../../scripts/build.mjs")], {
    stdio: "inherit",
  });
  process.env[BUILT] = String(process.pid);
}
