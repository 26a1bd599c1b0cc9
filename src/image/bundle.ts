// One service → one ESM file (`server.js`) and the `package.json` that tells Node
// it is ESM. esbuild inlines every dependency, so the image needs no node_modules.
import { relative } from "node:path";
import { type BuildFailure, build } from "esbuild";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";

export interface BundleOptions {
  /** The service's entry point, e.g. `services/products/server.ts`. */
  entry: string;
  /**
   * Directory the bundle's embedded paths are relative to (normally the project
   * root); keeps the output identical whichever checkout built it.
   */
  rootDir: string;
  /** Node version the bundle targets; the base image's major. */
  nodeTarget?: string;
}

export interface Bundle {
  serverJs: Buffer;
  packageJson: Buffer;
}

// Bundled CommonJS (pg, fastify's deps) still calls require(); give ESM one.
const REQUIRE_SHIM =
  'import { createRequire as __msdemoCreateRequire } from "node:module"; const require = __msdemoCreateRequire(import.meta.url);';

function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<BuildFailure>).errors);
}

export async function bundleService(options: BundleOptions): Promise<Bundle> {
  try {
    return await runEsbuild(options);
  } catch (error) {
    const first = isBuildFailure(error) ? error.errors[0] : undefined;
    const where = first?.location ? ` (${first.location.file}:${first.location.line})` : "";
    throw new MsdemoError(
      t("image.bundle.failed", { entry: options.entry, error: first?.text ?? String(error), where }),
      {
        hint: t("image.bundle.failed.hint"),
        cause: error,
      },
    );
  }
}

async function runEsbuild(options: BundleOptions): Promise<Bundle> {
  const result = await build({
    entryPoints: [relative(options.rootDir, options.entry)],
    absWorkingDir: options.rootDir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: options.nodeTarget ?? "node20",
    minify: true,
    // Stack traces keep function names; worth the few kilobytes.
    keepNames: true,
    legalComments: "none",
    sourcemap: false,
    charset: "utf8",
    banner: { js: REQUIRE_SHIM },
    // pg tries the optional native binding at run time and falls back to JS.
    external: ["pg-native"],
    write: false,
    logLevel: "silent",
    metafile: false,
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error(`esbuild produced no output for ${options.entry}`);
  const packageJson = `${JSON.stringify({ type: "module", main: "server.js", private: true }, null, 2)}\n`;
  return { serverJs: Buffer.from(file.contents), packageJson: Buffer.from(packageJson) };
}
