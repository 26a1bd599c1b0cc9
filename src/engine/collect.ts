// Read-only passes over the steps: the plan (what `up` would do) and the live
// status (what exists). Both run every step concurrently and never mutate.
import type { StepId } from "../step-ids.js";
import { type ContextDeps, stepContext } from "./context.js";
import { inspectStep, planStep } from "./step-run.js";
import type { Change, LiveStatus, Step, StepFailure } from "./types.js";

export interface StepPlan {
  step: StepId;
  title: string;
  changes: Change[];
  error?: StepFailure;
}

export interface StepInspection extends LiveStatus {
  step: StepId;
  error?: StepFailure;
}

type Deps<A> = Omit<ContextDeps<A>, "emit"> & { describeError(error: unknown): StepFailure };

const quiet = () => undefined;

export async function collectPlan<A>(steps: readonly Step<A>[], deps: Deps<A>): Promise<StepPlan[]> {
  return Promise.all(
    steps.map(async (step) => {
      try {
        return {
          step: step.id,
          title: step.title,
          changes: await planStep(step, stepContext(step, { ...deps, emit: quiet })),
        };
      } catch (error) {
        return { step: step.id, title: step.title, changes: [], error: deps.describeError(error) };
      }
    }),
  );
}

export async function collectStatus<A>(steps: readonly Step<A>[], deps: Deps<A>): Promise<StepInspection[]> {
  return Promise.all(
    steps.map(async (step) => {
      try {
        return { step: step.id, ...(await inspectStep(step, stepContext(step, { ...deps, emit: quiet }))) };
      } catch (error) {
        return { step: step.id, resources: [], error: deps.describeError(error) };
      }
    }),
  );
}
