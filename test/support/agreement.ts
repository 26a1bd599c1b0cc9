// The plan/apply agreement check of issue 14: what `plan` lists for a step is
// exactly what `up` then does. Each change plan marks create/update/adopt/delete
// must run and make at least one mutating AWS call; a `none` change must not
// run; and no mutating call may happen outside a planned change.
import { expect } from "vitest";
import type { Change } from "../../src/engine/types.js";
import type { AwsStep } from "../../src/steps/index.js";
import type { CallLog, StepRun } from "./step-harness.js";

const key = (c: Change) => `${c.action} ${c.resource} ${c.name}`;

/**
 * Plans `step`, applies it, and checks the two agree. `calls` is the log the
 * StepRun was made with (AWS calls; the deploy and images steps pass a log of
 * their Kubernetes or registry requests). Returns the plan for further checks.
 */
export async function expectPlanIsApply(run: StepRun, step: AwsStep, calls: CallLog): Promise<Change[]> {
  const planned = await run.plan(step);
  calls.clear();
  await run.apply(step);
  const mutatingPlanned = planned.filter((c) => c.action !== "none");
  expect(run.made.map((m) => key(m.change))).toEqual(mutatingPlanned.map(key));
  for (const made of run.made) {
    expect(made.calls.filter(calls.isMutating), `${key(made.change)} made no mutating call`).not.toEqual([]);
  }
  const inChanges = run.made.flatMap((m) => m.calls.filter(calls.isMutating));
  expect(calls.mutating()).toEqual(inChanges);
  return planned;
}
