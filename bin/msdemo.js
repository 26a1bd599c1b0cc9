#!/usr/bin/env node
// Thin launcher: the CLI is built into dist/ by `npm install` (prepare) or `npm run build`.
let cli;
try {
  cli = await import("../dist/cli/main.js");
} catch (error) {
  if (error && error.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("main.js")) {
    console.error("msdemo is not built yet: run `npm install` (or `npm run build`) in its folder first.");
    process.exit(1);
  }
  throw error;
}
process.exitCode = await cli.main(process.argv);
