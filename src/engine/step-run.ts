// The one model of a step: observe → diff → act. `planStep` is observe + diff;
// `applyStep` runs exactly the actions that same diff returned, then reads the
// outputs. Nothing else may write (see read-only.ts), so `up` cannot make a
// change that `plan` did not show.
import { readOnly, writable } from "./read-only.js";
import type { Action, Change, Outputs, Step, StepContext } from "./types.js";

/** Tells the UI (and the tests' call counter) which planned change starts now. */
export type ChangeListener = (change: Change, index: number) => void;

async function observed<A>(step: Step<A>, ctx: StepContext<A>) {
  const snapshot = await readOnly(`${step.id}: observe`, () => step.observe(ctx));
  return { snapshot, actions: step.diff(snapshot, ctx) };
}

export async function planStep<A>(step: Step<A>, ctx: StepContext<A>): Promise<Change[]> {
  return (await observed(step, ctx)).actions.map((a) => a.change);
}

/** How often up observes again after another run changed things under it, before it gives up. */
export const STALE_RETRIES = 3;

export async function applyStep<A>(
  step: Step<A>,
  ctx: StepContext<A>,
  onChange: ChangeListener = () => undefined,
): Promise<Outputs> {
  for (let attempt = 0; ; attempt++) {
    const { snapshot, actions } = await observed(step, ctx);
    try {
      await runActions(actions, snapshot, ctx, onChange);
      return await readOnly(`${step.id}: outputs`, () => step.outputs(snapshot, ctx));
    } catch (error) {
      // Another run removed what this one observed: observe again and converge
      // on what is there now, rather than fail on a world that moved on.
      const stale = attempt < STALE_RETRIES ? step.staleSnapshot?.(error) : undefined;
      if (!stale) throw error;
      ctx.progress(stale);
    }
  }
}

async function runActions<A>(
  actions: Action<StepContext<A>, unknown>[],
  snapshot: unknown,
  ctx: StepContext<A>,
  onChange: ChangeListener,
) {
  for (const [index, action] of actions.entries()) {
    ctx.signal.throwIfAborted();
    if (action.change.warning) ctx.warn(action.change.warning);
    if (!action.run) continue;
    onChange(action.change, index);
    const run = action.run;
    await writable(() => run(ctx, snapshot));
  }
}

/** Inspect (for `status`) may only read too. */
export function inspectStep<A>(step: Step<A>, ctx: StepContext<A>) {
  return readOnly(`${step.id}: inspect`, () => step.inspect(ctx));
}
