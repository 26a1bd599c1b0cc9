// Teaching mode (`msdemo up --step`): before each step, show what it does, the
// walkthrough's console clicks it replaces, and where msdemo does it
// differently; then continue, skip or quit. Quitting leaves a resumable state.
import type { StepGate } from "../engine/runner.js";
import { t } from "../i18n/index.js";
import type { AwsStep } from "../steps/index.js";
import { stepTitle } from "../ui/titles.js";
import { askChoice } from "./prompts.js";

export function describeStep(step: AwsStep): string {
  const lines = [
    t("teach.heading", { title: stepTitle(step.id), step: step.id }),
    t("teach.console", { text: step.console }),
  ];
  for (const deviation of step.deviations ?? []) lines.push(t("teach.differs", { text: deviation }));
  return lines.join("\n");
}

export function teachingGate(
  steps: AwsStep[],
  write: (text: string) => void = (text) => process.stderr.write(text),
): StepGate {
  return async (id) => {
    const step = steps.find((s) => s.id === id)!;
    write(`\n${describeStep(step)}\n`);
    return askChoice(
      t("prompt.whatNow"),
      [
        { value: "run", name: t("prompt.continue") },
        { value: "skip", name: t("prompt.skip") },
        { value: "quit", name: t("prompt.quit") },
      ],
      "run",
    );
  };
}
