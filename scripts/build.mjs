// Bundles the CLI into dist/ with esbuild. Dependencies stay external (loaded from
// node_modules); dynamic imports become separate chunks, so `msdemo --help` loads
// neither the AWS SDK nor the services. The web page is built beside it, into dist/web.

import { rmSync } from "node:fs";
import { build } from "esbuild";
import { buildWeb } from "./build-web.mjs";

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { "cli/main": "src/cli/main.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: true,
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});
await buildWeb();
