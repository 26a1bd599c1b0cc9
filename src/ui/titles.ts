// Step titles in the user's language, as the walkthrough names them.
import type { StepId } from "../config.js";
import type { SkipReason } from "../engine/types.js";
import { t } from "../i18n/index.js";

export function stepTitle(step: StepId): string {
  return t(`step.${step}.title`);
}

const SKIP_KEYS = {
  "skipped-by-you": "reason.skippedByYou",
  interrupted: "reason.interrupted",
  "you-quit": "reason.youQuit",
  "after-failure": "reason.afterFailure",
} as const;

export function skipReason(reason: SkipReason): string {
  return t(SKIP_KEYS[reason]);
}
