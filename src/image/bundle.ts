// One service → one ESM file (`server.js`) and the `package.json` that tells Node
// it is ESM. esbuild inlines every dependency, so the image needs no node_modules.
import { statSync } from "node:fs";
import { relative, resolve } from "node:path";
import { type BuildFailure, build, stop } from "esbuild";
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

/** Bundles in flight; the last to end stops esbuild's process. */
let inFlight = 0;

/** A bundle made in this process, and each file it was made from as it was then. */
interface Made {
  bundle: Bundle;
  inputs: Map<string, FilePrint>;
}

interface FilePrint {
  mtimeMs: number;
  size: number;
}
const made = new Map<string, Made>();

/** mtime and size of each file, or undefined when one is gone. */
function fingerprint(rootDir: string, files: string[]): Map<string, FilePrint> | undefined {
  const prints = new Map<string, FilePrint>();
  for (const file of files) {
    try {
      const { mtimeMs, size } = statSync(resolve(rootDir, file));
      prints.set(file, { mtimeMs, size });
    } catch {
      return undefined;
    }
  }
  return prints;
}

function stillValid(entry: Made, rootDir: string): boolean {
  const now = fingerprint(rootDir, [...entry.inputs.keys()]);
  return (
    now !== undefined &&
    [...entry.inputs].every(
      ([file, print]) => now.get(file)?.mtimeMs === print.mtimeMs && now.get(file)?.size === print.size,
    )
  );
}

/**
 * The service's bundle. A bundle already made in this process is reused while
 * none of its files changed: the images step bundles each service to name its
 * tag and again to build it, and `up` may bundle early (prebundle.ts).
 */
export async function bundleService(options: BundleOptions): Promise<Bundle> {
  const key = JSON.stringify([resolve(options.entry), resolve(options.rootDir), options.nodeTarget ?? ""]);
  const earlier = made.get(key);
  if (earlier && stillValid(earlier, options.rootDir)) return earlier.bundle;
  inFlight += 1;
  try {
    const startedAt = Date.now();
    const { bundle, inputs } = await runEsbuild(options);
    const prints = fingerprint(options.rootDir, inputs);
    // A file written while esbuild read it may not be in the bundle: not kept then.
    const settled = prints && [...prints.values()].every((print) => print.mtimeMs < startedAt);
    if (prints && settled) made.set(key, { bundle, inputs: prints });
    return bundle;
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
  } finally {
    // esbuild keeps its process (and the memory of the last build) until msdemo
    // exits; `up` goes on for many minutes after the images, on CloudShell's 2 GiB.
    inFlight -= 1;
    if (inFlight === 0) await stop();
  }
}

/**
 * esbuild's Go process, started by the next build, with its garbage collector
 * held to a soft 64 MiB and one thread (CloudShell has one vCPU): about 130 MB
 * at its peak instead of about 230. It takes the environment when it starts,
 * which is within build()'s synchronous part.
 */
function buildFrugally(options: Parameters<typeof build>[0]) {
  const saved = { GOMEMLIMIT: process.env.GOMEMLIMIT, GOMAXPROCS: process.env.GOMAXPROCS };
  process.env.GOMEMLIMIT ??= "64MiB";
  process.env.GOMAXPROCS ??= "1";
  try {
    return build(options);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

async function runEsbuild(options: BundleOptions): Promise<{ bundle: Bundle; inputs: string[] }> {
  const result = await buildFrugally({
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
    // Which files went in: a later call reuses this bundle while they are unchanged.
    metafile: true,
  });
  const file = result.outputFiles?.[0];
  if (file === undefined) throw new Error(`esbuild produced no output for ${options.entry}`);
  const packageJson = `${JSON.stringify({ type: "module", main: "server.js", private: true }, null, 2)}\n`;
  return {
    bundle: { serverJs: Buffer.from(file.contents), packageJson: Buffer.from(packageJson) },
    inputs: Object.keys(result.metafile?.inputs ?? {}),
  };
}
