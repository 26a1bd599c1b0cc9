// The engine's view of the state file: every change is written through at once
// (atomically), so a kill at any moment keeps every id recorded so far.
import type { StepId } from "../config.js";
import type { StateAccess } from "../engine/runner.js";
import { type StackState, type StateStore, withoutStep, withStep } from "./store.js";

export function storeAccess(store: StateStore, initial: StackState): StateAccess & { current(): StackState } {
  let state = initial;
  return {
    current: () => state,
    get: (step: StepId) => state.steps[step],
    put: (step, record) => {
      state = withStep(state, step, record);
      store.write(state);
    },
    remove: (step) => {
      state = withoutStep(state, step);
      store.write(state);
    },
  };
}
