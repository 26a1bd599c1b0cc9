// Where each global setting comes from: flag > environment (MSDEMO_*, AWS_*) >
// `.env` in the working directory > defaults. `.env` only fills variables the
// environment does not set, so the SDK sees the same precedence.
import { homedir } from "node:os";
import { join } from "node:path";
import { DEFAULT_STACK, type GlobalConfig, globalSchema, parseOrUsageError } from "../config.js";
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";
import { assertUsableStateDir } from "./state-dir.js";

export interface GlobalFlags {
  region?: string;
  profile?: string;
  stack?: string;
  stateDir?: string;
  endpointUrl?: string;
  yes?: boolean;
  json?: boolean;
  color?: boolean;
  verbose?: boolean;
}

const firstDefined = (...values: (string | undefined)[]) => values.find((v) => v !== undefined && v !== "");

const truthy = (value: string | undefined) => value !== undefined && /^(1|true|yes)$/i.test(value);

/** Merges flags over the environment; region may stay undefined (resolved later). */
export function rawGlobals(
  flags: GlobalFlags,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, unknown> {
  return {
    stack: firstDefined(flags.stack, env.MSDEMO_STACK, DEFAULT_STACK),
    region: firstDefined(flags.region, env.MSDEMO_REGION, env.AWS_REGION, env.AWS_DEFAULT_REGION),
    profile: firstDefined(flags.profile, env.MSDEMO_PROFILE, env.AWS_PROFILE),
    stateDir: firstDefined(flags.stateDir, env.MSDEMO_STATE_DIR, join(homedir(), ".msdemo")),
    endpointUrl: firstDefined(flags.endpointUrl, env.MSDEMO_ENDPOINT_URL, env.AWS_ENDPOINT_URL),
    yes: flags.yes ?? truthy(env.MSDEMO_YES),
    json: flags.json ?? false,
    // commander sets color=false for --no-color; NO_COLOR (any value) also turns it off.
    color: flags.color !== false && env.NO_COLOR === undefined,
    verbose: flags.verbose ?? truthy(env.MSDEMO_VERBOSE),
  };
}

/** The region configured for the profile in ~/.aws/config, if any. */
export async function profileRegion(profile: string | undefined): Promise<string | undefined> {
  const { loadSharedConfigFiles } = await import("@smithy/shared-ini-file-loader");
  const files = await loadSharedConfigFiles({ ignoreCache: true });
  return files.configFile[profile ?? "default"]?.region;
}

/** A profile named by --profile or AWS_PROFILE must exist, or the SDK fails later with no word about it. */
export async function assertProfileExists(profile: string | undefined): Promise<void> {
  if (!profile) return;
  const { loadSharedConfigFiles } = await import("@smithy/shared-ini-file-loader");
  const files = await loadSharedConfigFiles({ ignoreCache: true });
  const known = [...new Set([...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)])];
  if (known.includes(profile)) return;
  throw new UsageError(
    t("validation.noProfile", { profile }),
    t("validation.noProfile.hint", { profiles: known.join(", ") || t("validation.noProfile.none") }),
  );
}

/** Validates global settings that do not need a region (status --offline, local). */
export function validateGlobals(raw: Record<string, unknown>, fallbackRegion: string): GlobalConfig {
  const globals = parseOrUsageError(globalSchema, { ...raw, region: raw.region ?? fallbackRegion });
  assertUsableStateDir(globals.stateDir);
  return globals;
}
