// Teaching mode (`msdemo up --step`): before each step, show what it does, the
// walkthrough's console clicks it replaces, and where msdemo does it
// differently; then continue, skip or quit. Quitting leaves a resumable state.
import type { StepGate } from "../engine/runner.js";
import type { AwsStep } from "../steps/index.js";
import { askChoice } from "./prompts.js";

export function describeStep(step: AwsStep): string {
  const lines = [`── ${step.title} (${step.id}) ──`, `In the console: ${step.console}`];
  for (const deviation of step.deviations ?? []) lines.push(`msdemo differs: ${deviation}`);
  return lines.join("\n");
}

export function teachingGate(
  steps: AwsStep[],
  write: (text: string) => void = (t) => process.stderr.write(t),
): StepGate {
  return async (id) => {
    const step = steps.find((s) => s.id === id)!;
    write(`\n${describeStep(step)}\n`);
    return askChoice(
      "What now?",
      [
        { value: "run", name: "Continue: do this step" },
        { value: "skip", name: "Skip it this time" },
        { value: "quit", name: "Quit (msdemo up resumes later)" },
      ],
      "run",
    );
  };
}
