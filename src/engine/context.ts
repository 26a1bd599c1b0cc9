// Builds the context a step runs with, over a StateAccess.
import type { StepId } from "../config.js";
import type { Outputs } from "../state/store.js";
import { faultPoint } from "./fault.js";
import type { StateAccess } from "./runner.js";
import type { EngineEvent, Step, StepContext } from "./types.js";

export interface ContextDeps<A> {
  config: StepContext<A>["config"];
  aws: A;
  signal: AbortSignal;
  state: StateAccess;
  emit(event: EngineEvent): void;
}

export function stepContext<A>(step: Step<A>, deps: ContextDeps<A>): StepContext<A> {
  const at = () => new Date().toISOString();
  return {
    config: deps.config,
    aws: deps.aws,
    signal: deps.signal,
    previous: deps.state.get(step.id)?.outputs,
    outputsOf: <T extends Outputs>(other: StepId) => deps.state.get(other)?.outputs as T | undefined,
    record: async (partial) => {
      const before = deps.state.get(step.id);
      deps.state.put(step.id, {
        status: before?.status ?? "partial",
        outputs: { ...before?.outputs, ...partial },
      });
      faultPoint(`record:${step.id}`);
    },
    progress: (message) => deps.emit({ type: "step-progress", step: step.id, message, at: at() }),
    warn: (message) => deps.emit({ type: "step-warning", step: step.id, message, at: at() }),
  };
}
