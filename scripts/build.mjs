// Bundles the CLI into dist/ with esbuild; dynamic imports become separate chunks,
// so `msdemo --help` loads neither the AWS SDK nor the services. The web page is
// built beside it, into dist/web.
//
// The AWS SDK is bundled from its ES modules, so only the commands msdemo sends
// are kept: required whole, client-ec2 alone holds ~100 MB in memory, and `up`
// must fit CloudShell beside the image bundler (npm run bench:rss). Every other
// dependency stays external, loaded from node_modules.

import { readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";
import { buildWeb } from "./build-web.mjs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const bundled = (name) => name.startsWith("@aws-sdk/");
const external = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })
  .filter((name) => !bundled(name))
  .flatMap((name) => [name, `${name}/*`]);

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { "cli/main": "src/cli/main.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external,
  // The SDK's (and its @smithy parts') ES builds, which tree-shake.
  mainFields: ["module", "main"],
  sourcemap: true,
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});
await buildWeb();
