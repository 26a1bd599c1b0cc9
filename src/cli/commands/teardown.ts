// msdemo teardown: delete every resource of the stack, in reverse order,
// concurrently where independent. Works without a state file: each step's
// destroy discovers its resources by tags and names.
import { collectStatus } from "../../engine/collect.js";
import { memoryState } from "../../engine/runner.js";
import { UsageError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { stateWord } from "../../i18n/state-words.js";
import { CorruptStateError, type StateStore } from "../../state/store.js";
import { OUTPUT_HANDOFF } from "../../steps/outputs.js";
import { teardownSummary } from "../../ui/closing.js";
import { formatTable } from "../../ui/format.js";
import { executeSteps, exitCodeOf } from "../execute.js";
import { askText, canPrompt } from "../prompts.js";
import { checkAccess, describeError, openRuntime } from "../runtime.js";
import type { GlobalFlags } from "../settings.js";

/**
 * Teardown finds everything by name and tag, so an unreadable state file does
 * not stop it: the file is said to be unreadable and kept aside, not lost.
 */
function setAsideIfUnreadable(store: StateStore): void {
  try {
    store.read();
  } catch (error) {
    if (!(error instanceof CorruptStateError)) throw error;
    const aside = store.setAside();
    process.stderr.write(
      `${t("warning.line", { message: t("state.setAside", { reason: error.message, aside }) })}\n`,
    );
  }
}

export async function run(flags: GlobalFlags & Record<string, unknown>): Promise<number> {
  const runtime = await openRuntime(flags);
  const { config, store, steps, aws } = runtime;
  try {
    await checkAccess(runtime);
  } catch (error) {
    aws.destroy();
    throw error;
  }
  if (!config.yes) {
    if (!canPrompt())
      throw new UsageError(t("validation.needsYes", { command: "teardown" }), t("validation.needsYes.hint"));
    const typed = await askText(t("prompt.typeStack", { stack: config.stack }));
    if (typed.trim() !== config.stack) {
      process.stderr.write(`${t("prompt.namesDiffer")}\n`);
      return 1;
    }
  }
  store.lockExclusive("msdemo teardown", { force: flags.forceUnlock === true });
  try {
    setAsideIfUnreadable(store);
    // What exists before, asked of AWS: the closing lines say what was removed.
    const inventory = () =>
      collectStatus(steps, {
        config,
        aws,
        signal: new AbortController().signal,
        state: memoryState(),
        describeError,
        ...OUTPUT_HANDOFF,
      });
    const present = (statuses: Awaited<ReturnType<typeof inventory>>) =>
      statuses.flatMap((s) => s.resources.filter((r) => r.state !== "missing"));
    const before = config.json ? [] : present(await inventory());
    const result = await executeSteps(
      runtime,
      "destroy",
      steps.map((s) => s.id),
    );
    if (result.interrupted) return exitCodeOf(result);
    // The report: ask AWS what is left, whatever the state file says.
    const left = await inventory();
    const remaining = present(left);
    const unknown = left.filter((s) => s.error);
    if (config.json) {
      process.stdout.write(
        `${JSON.stringify({ stack: config.stack, ok: result.ok && remaining.length === 0, remaining, failures: result.failures })}\n`,
      );
    } else if (remaining.length === 0 && unknown.length === 0) {
      const removed = before.map((r) => r.type);
      process.stdout.write(`\n${teardownSummary(config.stack, removed)}\n`);
    } else {
      process.stdout.write(
        `\n${t("teardown.stillThere")}\n${formatTable(
          [t("table.step"), t("table.type"), t("table.name"), t("table.state")],
          remaining.map((r) => [r.step, r.type, r.name, stateWord(r.state)]),
        )}\n`,
      );
      for (const s of unknown)
        process.stdout.write(
          `${t("status.couldNotCheck", { step: s.step, message: s.error?.message ?? "" })}\n`,
        );
    }
    if (result.ok && remaining.length === 0 && unknown.length === 0 && store.exists()) {
      store.write({ ...store.readOrNew(config.stack, config.region), steps: {} });
    }
    return result.ok && remaining.length === 0 && unknown.length === 0 ? 0 : 1;
  } finally {
    store.unlock();
    aws.destroy();
  }
}
