// How the exports name a walkthrough step in their comments: its number in the
// walkthrough (the order of STEP_IDS) and its title, in the user's language.
import { STEP_IDS, type StepId } from "../config.js";
import { t } from "../i18n/index.js";
import { stepTitle } from "../ui/titles.js";

const STEP_NUMBER = (step: StepId) => STEP_IDS.indexOf(step) + 1;
/** The heading of a walkthrough step's block: its number and title. */
export function stepHeading(step: StepId): string {
  return t("export.stepHeading", { number: STEP_NUMBER(step), title: stepTitle(step) });
}

/** A walkthrough step named inside a sentence. */
export function stepReference(step: StepId): string {
  return t("export.stepReference", { number: STEP_NUMBER(step), title: stepTitle(step) });
}
