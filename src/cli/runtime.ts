// What every AWS-facing command needs: the validated config, the state store,
// the AWS clients and the registered steps. Validation (exit 2) happens here,
// before any AWS call.
import { AwsClients } from "../aws/clients.js";
import { explainAwsError } from "../aws/errors.js";
import { type AccountKind, callerAccount, detectAccountKind } from "../aws/learner-lab.js";
import { buildConfig, type Config, DEFAULT_REGION, KNOWN_REGIONS, type StepId } from "../config.js";
import type { StepFailure } from "../engine/types.js";
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";
import { wrongPlace } from "../state/owner.js";
import { CorruptStateError, type StackState, StateStore } from "../state/store.js";
import { type AwsStep, loadSteps } from "../steps/index.js";
import { askChoice, canPrompt } from "./prompts.js";
import { withRememberedSettings } from "./remembered-settings.js";
import { assertProfileExists, type GlobalFlags, profileRegion, rawGlobals } from "./settings.js";
import { assertUsableStateDir } from "./state-dir.js";

export interface Runtime {
  config: Config;
  store: StateStore;
  steps: AwsStep[];
  aws: AwsClients;
  /** The caller's AWS account, once asked (recorded in a new state). */
  account?: string;
}

const PROVISION_KEYS = [
  "steps",
  "vpcId",
  "sshCidr",
  "clusterRoleArn",
  "nodeRoleArn",
  "instanceType",
  "nodes",
  "minNodes",
  "maxNodes",
  "dbInstanceClass",
  "dbStorage",
  "dbPasswordMode",
  "k8sVersion",
  "dbEngineVersion",
  "registry",
  "baseImage",
  "builder",
  "kubeconfig",
  "logRetentionDays",
  "private",
] as const;

/** The region: flag/env, else the profile's, else asked in a terminal, else an error naming --region. */
async function resolveRegion(raw: Record<string, unknown>, interactive: boolean): Promise<string> {
  if (typeof raw.region === "string") return raw.region;
  const fromProfile = await profileRegion(raw.profile as string | undefined).catch(() => undefined);
  if (fromProfile) return fromProfile;
  if (interactive) {
    return askChoice(
      t("prompt.region"),
      KNOWN_REGIONS.map((r) => ({ value: r })),
      DEFAULT_REGION,
    );
  }
  throw new UsageError(t("validation.regionRequired"), t("validation.regionRequired.hint"));
}

export async function resolveConfig(flags: GlobalFlags & Record<string, unknown>): Promise<Config> {
  const raw = rawGlobals(flags);
  const provision: Record<string, unknown> = {};
  for (const key of PROVISION_KEYS) provision[key] = flags[key];
  provision.kubeconfig ??= process.env.KUBECONFIG || undefined;
  // Validate everything but the region first, so bad input fails before any prompt.
  const checked = buildConfig({ ...raw, region: DEFAULT_REGION }, provision);
  assertUsableStateDir(checked.stateDir);
  await assertProfileExists(checked.profile);
  const region = await resolveRegion(raw, canPrompt() && raw.yes !== true && raw.json !== true);
  return buildConfig({ ...raw, region }, provision);
}

export async function openRuntime(flags: GlobalFlags & Record<string, unknown>): Promise<Runtime> {
  const config = await resolveConfig(flags);
  const aws = new AwsClients({
    region: config.region,
    profile: config.profile,
    endpointUrl: config.endpointUrl,
  });
  // A call that takes long says so on a terminal; the step view takes over during a run.
  if (!config.json && process.stderr.isTTY) {
    aws.whenSlow(() => process.stderr.write(`${t("notes.contactingAws", { region: config.region })}\n`));
  }
  const store = new StateStore(config.stateDir, config.stack);
  // Another region's state is refused before any AWS call.
  const state = readIfSound(store);
  const elsewhere = state && wrongPlace(state, store.path, config);
  if (elsewhere) throw elsewhere;
  return { config: withRememberedSettings(config, state), store, steps: await loadSteps(), aws };
}

/** The state, or undefined when there is none or it is unreadable (the command says so itself). */
function readIfSound(store: StateStore): StackState | undefined {
  try {
    return store.read();
  } catch (error) {
    if (error instanceof CorruptStateError) return undefined;
    throw error;
  }
}

/**
 * Refuses (exit 2) a state recorded for another account than the caller's.
 * `account`: the caller's account when already known (up's preflight asks it).
 */
export async function checkStateAccount(runtime: Runtime, account?: string): Promise<void> {
  const state = readIfSound(runtime.store);
  if (!state?.account && account === undefined) return;
  runtime.account = account ?? (await callerAccount(runtime.aws.sts));
  const elsewhere =
    state && wrongPlace(state, runtime.store.path, { ...runtime.config, account: runtime.account });
  if (elsewhere) throw elsewhere;
}

/**
 * One call that proves the credentials work and AWS answers, before a command
 * reads anything: without it, missing credentials look like an empty stack.
 */
export async function checkAccess(runtime: Runtime): Promise<AccountKind> {
  const account = await detectAccountKind(runtime.aws.sts).catch((error: unknown) => {
    throw explainAwsError(error);
  });
  // The same answer says whose the state is: another account's is refused (exit 2).
  await checkStateAccount(runtime, account.account);
  return account;
}

export function describeError(error: unknown): StepFailure {
  const explained = explainAwsError(error);
  return { message: explained.message, ...(explained.hint ? { hint: explained.hint } : {}) };
}

/** The steps to run: --steps, or all. Exits 2 when a needed step is neither selected nor done. */
export function selectSteps(
  steps: AwsStep[],
  wanted: StepId[] | undefined,
  done: (id: StepId) => boolean,
): StepId[] {
  const registered = new Set(steps.map((s) => s.id));
  const unknown = (wanted ?? []).filter((id) => !registered.has(id));
  if (unknown.length > 0) {
    throw new UsageError(
      t("validation.unknownStep", { steps: unknown.join(", ") }),
      t("validation.unknownStep.hint", { steps: [...registered].join(", ") }),
    );
  }
  const selected = wanted ?? steps.map((s) => s.id);
  for (const id of selected) {
    const step = steps.find((s) => s.id === id)!;
    const missing = step.needs.find((need) => !selected.includes(need) && !done(need));
    if (missing) {
      throw new UsageError(
        t("validation.stepNeeds", { step: id, need: missing }),
        t("validation.stepNeeds.hint", { steps: [missing, ...selected].join(",") }),
      );
    }
  }
  return steps.map((s) => s.id).filter((id) => selected.includes(id));
}
