// msdemo up: create or resume the stack. Validates, shows the plan and asks
// (unless --yes), then runs the step graph.
import { explainAwsError } from "../../aws/errors.js";
import { builtTotals, costInput, estimateCost } from "../../cost/index.js";
import { collectPlan } from "../../engine/collect.js";
import { memoryState } from "../../engine/runner.js";
import { UsageError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { OUTPUT_HANDOFF } from "../../steps/outputs.js";
import { upSummary } from "../../ui/closing.js";
import { terminalWidth } from "../../ui/format.js";
import { planSummary, planTable } from "../../ui/plan-view.js";
import { executeSteps, exitCodeOf } from "../execute.js";
import { askConfirm, canPrompt } from "../prompts.js";
import { alreadyDoneNote, idleTimeoutNotice } from "../session-notes.js";
import type { GlobalFlags } from "../settings.js";
import { teachingGate } from "../teach.js";

export async function run(flags: GlobalFlags & Record<string, unknown>): Promise<number> {
  const startedAt = Date.now();
  // Before the AWS SDK and the steps load (hence the imports here): see prebundle.ts.
  if (wantsImages(flags)) await (await import("../../image/prebundle.js")).prebundleServices();
  const { checkStateAccount, describeError, openRuntime, selectSteps } = await import("../runtime.js");
  const { preflight } = await import("../preflight.js");
  const opened = await openRuntime(flags);
  const { config, store, steps, aws } = opened;
  const existing = store.read();
  const selected = selectSteps(steps, config.steps, (id) => existing?.steps[id]?.status === "done");
  if (!config.yes && !canPrompt()) {
    throw new UsageError(t("validation.needsYes", { command: "up" }), t("validation.needsYes.hint"));
  }
  if (flags.step && !canPrompt()) {
    throw new UsageError(t("validation.stepNeedsTty"), t("validation.stepNeedsTty.hint"));
  }
  store.lockExclusive("msdemo up", { force: flags.forceUnlock === true });
  try {
    const notDone = selected.filter((id) => existing?.steps[id]?.status !== "done");
    const checked = await preflight(opened, selected, notDone).catch((error: unknown) => {
      throw error instanceof UsageError ? error : explainAwsError(error);
    });
    await checkStateAccount(opened, checked.account.account);
    // The roles found up front go to the steps as if given by flag.
    const runtime = {
      ...opened,
      config: { ...config, ...checked.roles, learnerLab: checked.account.learnerLab },
    };
    for (const warning of checked.warnings)
      process.stderr.write(`${t("warning.line", { message: warning })}\n`);
    if (!config.yes) {
      const state = memoryState(existing?.steps ?? {});
      const plans = await collectPlan(
        steps.filter((s) => selected.includes(s.id)),
        {
          config: runtime.config,
          aws,
          signal: new AbortController().signal,
          state,
          describeError,
          ...OUTPUT_HANDOFF,
        },
      );
      process.stderr.write(
        `${t("run.stackIn", { stack: config.stack, region: config.region })}\n\n${planTable(plans, terminalWidth(process.stderr))}\n\n${planSummary(plans)}\n`,
      );
      if (!(await askConfirm(t("prompt.goAhead"), true))) return 1;
    }
    const gate = flags.step ? teachingGate(steps) : undefined;
    const notice = config.json ? undefined : idleTimeoutNotice(steps, notDone);
    if (notice) process.stderr.write(`${notice}\n`);
    const result = await executeSteps(runtime, "apply", selected, gate);
    const resumed = config.json ? undefined : alreadyDoneNote(selected.filter((id) => !notDone.includes(id)));
    if (resumed) process.stderr.write(`${resumed}\n`);
    // The prompts leave the terminal's input open; let the process end.
    if (gate) process.stdin.unref?.();
    if (!config.json && result.ok) {
      const stepsNow = store.read()?.steps ?? {};
      const apiUrl = stepsNow.gateway?.outputs?.apiUrl;
      const pageUrl = stepsNow.site?.outputs?.url;
      const done = Object.entries(stepsNow)
        .filter(([, step]) => step?.status === "done")
        .map(([id]) => id);
      const summary = upSummary({
        elapsedMs: Date.now() - startedAt,
        ...(apiUrl ? { apiUrl: String(apiUrl) } : {}),
        ...(typeof pageUrl === "string" ? { pageUrl } : {}),
        cost: builtTotals(estimateCost(costInput(runtime.config)), done),
      });
      process.stdout.write(`\n${summary}\n`);
    }
    return exitCodeOf(result);
  } finally {
    store.unlock();
    aws.destroy();
  }
}

/** The images step may run: no --steps, or --steps naming it. */
function wantsImages(flags: GlobalFlags & Record<string, unknown>): boolean {
  const steps = flags.steps;
  return !Array.isArray(steps) || steps.includes("images");
}
