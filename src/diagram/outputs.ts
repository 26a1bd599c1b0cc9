// Tolerant readers of the state file's step outputs: every key may be absent
// or of another shape (a step half done, an older msdemo), never an error.
import type { StepId } from "../config.js";
import type { JsonValue, Outputs, StackState } from "../state/store.js";

type JsonObject = { [key: string]: JsonValue };

export function objectAt(value: JsonValue | undefined): JsonObject | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : undefined;
}

export function stringAt(value: JsonValue | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function numberAt(value: JsonValue | undefined): number | undefined {
  return typeof value === "number" ? value : undefined;
}

export function outputsOf(state: StackState | undefined, step: StepId): Outputs | undefined {
  return state?.steps[step]?.outputs;
}

/** The state file's word for a step: planned (no record), creating (partial), created (done). */
export function recordedState(state: StackState | undefined, step: StepId): string {
  const status = state?.steps[step]?.status;
  return status === "done" ? "created" : status === "partial" ? "creating" : "planned";
}
