// msdemo plan: what `up` would do. Read-only: no mutating AWS call.

import { learnerLabCaps, learnerLabViolations } from "../../aws/learner-lab.js";
import { costInput, costJson, costLine, estimateCost } from "../../cost/index.js";
import { collectPlan } from "../../engine/collect.js";
import { memoryState } from "../../engine/runner.js";
import { t } from "../../i18n/index.js";
import { OUTPUT_HANDOFF } from "../../steps/outputs.js";
import { terminalWidth } from "../../ui/format.js";
import { planSummary, planTable } from "../../ui/plan-view.js";
import { checkAccess, describeError, openRuntime } from "../runtime.js";
import type { GlobalFlags } from "../settings.js";

export async function run(flags: GlobalFlags & Record<string, unknown>): Promise<number> {
  const runtime = await openRuntime(flags);
  const { store, steps, aws } = runtime;
  try {
    const account = await checkAccess(runtime);
    // In a Learner Lab the plan shows its caps, and what up would refuse.
    const config = { ...runtime.config, learnerLab: account.learnerLab };
    const lab = account.learnerLab
      ? { caps: learnerLabCaps(config), problems: learnerLabViolations(config) }
      : undefined;
    const existing = store.read();
    const state = memoryState(existing?.steps ?? {});
    const wanted = config.steps ? steps.filter((s) => config.steps!.includes(s.id)) : steps;
    const plans = await collectPlan(wanted, {
      config,
      aws,
      signal: new AbortController().signal,
      state,
      describeError,
      ...OUTPUT_HANDOFF,
    });
    if (config.json) {
      process.stdout.write(
        `${JSON.stringify({ stack: config.stack, region: config.region, steps: plans, cost: costJson(config.stack, estimateCost(costInput(config))), ...(lab ? { learnerLab: lab } : {}) }, null, 2)}\n`,
      );
    } else {
      process.stdout.write(
        `${t("run.stackIn", { stack: config.stack, region: config.region })}\n\n${planTable(plans, terminalWidth(process.stdout))}\n\n${planSummary(plans)}\n${costLine(estimateCost(costInput(config)))}\n`,
      );
      if (lab) process.stdout.write(`${lab.caps}\n`);
      for (const problem of lab?.problems ?? [])
        process.stdout.write(`${t("warning.line", { message: problem })}\n`);
    }
    return plans.some((p) => p.error) ? 1 : 0;
  } finally {
    aws.destroy();
  }
}
