// msdemo cost: the stack's estimated hourly and monthly cost, from the price
// table, the configuration and the state file. No AWS call: it works offline.
// Sizes: flags (what-if) > what the state file recorded > the walkthrough's.
import { buildConfig, DEFAULT_REGION, PROVISION_DEFAULTS } from "../../config.js";
import { estimateCost } from "../../cost/estimate.js";
import { costReport } from "../../cost/format.js";
import { costInput, recordedSizing } from "../../cost/input.js";
import { costJson } from "../../cost/json.js";
import { privateDifference } from "../../cost/private.js";
import { costSoFar } from "../../cost/so-far.js";
import { UsageError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { StateStore } from "../../state/store.js";
import { type GlobalFlags, profileRegion, rawGlobals, validateGlobals } from "../settings.js";

type CostFlags = GlobalFlags & {
  instanceType?: string;
  nodes?: number;
  minNodes?: number;
  maxNodes?: number;
  dbInstanceClass?: string;
  dbStorage?: number;
  requests?: number | string;
  private?: boolean;
};

/** --requests: API Gateway requests a month, a whole number ≥ 0. */
function requestsPerMonth(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === "number" ? value : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new UsageError(t("cost.badRequests", { value: String(value) }));
  }
  return n;
}

export async function run(flags: CostFlags & Record<string, unknown>): Promise<number> {
  const raw = rawGlobals(flags);
  const globals = validateGlobals(raw, DEFAULT_REGION);
  const requests = requestsPerMonth(flags.requests);
  const state = new StateStore(globals.stateDir, globals.stack).read();
  // An existing stack is priced where it lives; otherwise where `up` would put it.
  const region =
    (raw.region as string | undefined) ??
    state?.region ??
    (await profileRegion(globals.profile).catch(() => undefined)) ??
    DEFAULT_REGION;
  const recorded = recordedSizing(state);
  const nodes = flags.nodes ?? recorded.nodes ?? PROVISION_DEFAULTS.nodes;
  const config = buildConfig(
    { ...raw, region },
    {
      instanceType: flags.instanceType ?? recorded.instanceType,
      nodes,
      // The scaling bounds only matter to `up`; keep them from refusing a what-if size.
      minNodes: flags.minNodes ?? Math.min(nodes, PROVISION_DEFAULTS.minNodes),
      maxNodes: flags.maxNodes ?? Math.max(nodes, PROVISION_DEFAULTS.maxNodes),
      dbInstanceClass: flags.dbInstanceClass,
      dbStorage: flags.dbStorage,
    },
  );
  // --private / --no-private, else as the stack's last up chose.
  const isPrivate = flags.private ?? state?.settings?.private === true;
  const input = costInput({ ...config, private: isPrivate }, requests);
  const estimate = estimateCost(input);
  const soFar = state ? costSoFar(estimate, state.createdAt, new Date()) : undefined;
  if (config.json) {
    process.stdout.write(`${JSON.stringify(costJson(config.stack, estimate, soFar), null, 2)}\n`);
  } else {
    process.stdout.write(`${t("cost.stack", { stack: config.stack })}\n${costReport(estimate, soFar)}\n`);
    if (isPrivate) process.stdout.write(`${privateDifference(input)}\n`);
  }
  return 0;
}
