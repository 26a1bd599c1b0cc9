// Step titles in the user's language, as the walkthrough names them.
import type { StepId } from "../config.js";
import type { SkipReason } from "../engine/types.js";
import { t } from "../i18n/index.js";

export function stepTitle(step: StepId): string {
  return t(`step.${step}.title`);
}

const SKIP_KEYS = {
  "skipped-by-you": "run.reason.skippedByYou",
  interrupted: "run.reason.interrupted",
  "you-quit": "run.reason.youQuit",
  "after-failure": "run.reason.afterFailure",
} as const;

export function skipReason(reason: SkipReason): string {
  return t(SKIP_KEYS[reason]);
}
