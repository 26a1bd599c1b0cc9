// Builds the context a step runs with, over a StateAccess.

import type { Outputs } from "../state/store.js";
import type { StepId } from "../step-ids.js";
import { faultPoint } from "./fault.js";
import type { StateAccess } from "./runner.js";
import type { EngineEvent, Step, StepContext } from "./types.js";

/**
 * Checks one step's recorded outputs against that step's schema and returns
 * them typed; throws an error naming the step and the field when they do not
 * match. Given by the app, which owns the schemas.
 */
export type OutputsParser = (step: StepId, outputs: Outputs) => Outputs;

/** The error `require` throws for a step that has not run, worded by the app. */
export type MissingStepError = (step: StepId, needed: StepId) => Error;

export interface ContextDeps<A> {
  config: StepContext<A>["config"];
  aws: A;
  signal: AbortSignal;
  state: StateAccess;
  emit(event: EngineEvent): void;
  parseOutputs: OutputsParser;
  missingStep: MissingStepError;
}

export function stepContext<A>(step: Step<A>, deps: ContextDeps<A>): StepContext<A> {
  const at = () => new Date().toISOString();
  const find = (other: StepId) => {
    const record = deps.state.get(other);
    // A step killed before it finished has partial outputs: not usable by the next.
    if (record?.status !== "done") return undefined;
    return deps.parseOutputs(other, record.outputs);
  };
  return {
    config: deps.config,
    aws: deps.aws,
    signal: deps.signal,
    previous: deps.state.get(step.id)?.outputs,
    find: find as StepContext<A>["find"],
    require: ((other: StepId) => {
      const outputs = find(other);
      if (!outputs) throw deps.missingStep(step.id, other);
      return outputs;
    }) as StepContext<A>["require"],
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
