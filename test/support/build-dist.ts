// vitest globalSetup: the CLI tests run bin/msdemo.js, which loads dist/. Build it
// from the source first, so a test always sees the code as it is now.
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

export default function buildDist(): void {
  execFileSync(process.execPath, [resolve(import.meta.dirname, "../../scripts/build.mjs")], {
    stdio: "inherit",
  });
}
