// What a person in CloudShell needs to hear around a long `up`: that an idle
// session ends while msdemo works (and that `up` resumes), and after a resumed
// run, which steps an earlier run had already done.
import type { StepId } from "../config.js";
import { criticalPathSeconds } from "../engine/estimate.js";
import { t } from "../i18n/index.js";
import { TYPICAL_SECONDS } from "../steps/timings.js";

/** CloudShell's own ~/.bashrc exports AWS_EXECUTION_ENV=CloudShell. */
export function inCloudShell(env: NodeJS.ProcessEnv = process.env): boolean {
  return /cloudshell/i.test(env.AWS_EXECUTION_ENV ?? "");
}

/** Runs this long or longer outlast CloudShell's 20–30 idle minutes often enough to warn. */
const LONG_RUN_SECONDS = 5 * 60;

/** The idle-timeout notice for a run of `toDo`, or undefined when not in CloudShell or the run is short. */
export function idleTimeoutNotice(
  steps: readonly { id: StepId; needs: StepId[] }[],
  toDo: readonly StepId[],
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (!inCloudShell(env) || criticalPathSeconds(steps, toDo, TYPICAL_SECONDS) < LONG_RUN_SECONDS)
    return undefined;
  return t("notes.cloudShell");
}

/** After a run: the selected steps an earlier run had finished, or undefined if none. */
export function alreadyDoneNote(done: readonly StepId[]): string | undefined {
  return done.length > 0 ? t("notes.alreadyDone", { steps: done.join(", ") }) : undefined;
}
