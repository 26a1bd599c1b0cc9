// The one model of a step: observe → diff → act. `planStep` is observe + diff;
// `applyStep` runs exactly the actions that same diff returned, then reads the
// outputs. Nothing else may write (see read-only.ts), so `up` cannot make a
// change that `plan` did not show.
import { readOnly, writable } from "./read-only.js";
import type { Change, Outputs, Step, StepContext } from "./types.js";

/** Tells the UI (and the tests' call counter) which planned change starts now. */
export type ChangeListener = (change: Change, index: number) => void;

async function observed<A>(step: Step<A>, ctx: StepContext<A>) {
  const snapshot = await readOnly(`${step.id}: observe`, () => step.observe(ctx));
  return { snapshot, actions: step.diff(snapshot, ctx) };
}

export async function planStep<A>(step: Step<A>, ctx: StepContext<A>): Promise<Change[]> {
  return (await observed(step, ctx)).actions.map((a) => a.change);
}

export async function applyStep<A>(
  step: Step<A>,
  ctx: StepContext<A>,
  onChange: ChangeListener = () => undefined,
): Promise<Outputs> {
  const { snapshot, actions } = await observed(step, ctx);
  for (const [index, action] of actions.entries()) {
    ctx.signal.throwIfAborted();
    if (action.change.warning) ctx.warn(action.change.warning);
    if (!action.run) continue;
    onChange(action.change, index);
    const run = action.run;
    await writable(() => run(ctx, snapshot));
  }
  return readOnly(`${step.id}: outputs`, () => step.outputs(snapshot, ctx));
}

/** Inspect (for `status`) may only read too. */
export function inspectStep<A>(step: Step<A>, ctx: StepContext<A>) {
  return readOnly(`${step.id}: inspect`, () => step.inspect(ctx));
}
