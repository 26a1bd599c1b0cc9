// The Step contract and the events the engine emits.
import type { Config, StepId } from "../config.js";
import type { Outputs } from "../state/store.js";

export type { StepId } from "../config.js";
export type { Outputs } from "../state/store.js";

/** One planned change. `adopt`: it exists but msdemo did not create it; msdemo will use it. */
export type Change =
  | { action: "create"; resource: string; name: string; detail?: string }
  | { action: "update"; resource: string; name: string; detail: string }
  | { action: "adopt"; resource: string; name: string; detail?: string }
  | { action: "none"; resource: string; name: string; detail?: string }
  | { action: "delete"; resource: string; name: string; detail?: string };

/** One resource as it is in AWS now, for `status`. */
export interface LiveResource {
  step: StepId;
  type: string;
  name: string;
  id?: string;
  /** AWS's own word for its state (available, ACTIVE, …), or `missing`. */
  state: string;
  /** Carries the stack's tags (or was created by msdemo under its name). */
  managed: boolean;
  createdAt?: string;
}

export interface LiveStatus {
  resources: LiveResource[];
  endpoints?: Record<string, string>;
  warnings?: string[];
}

/** What a step is given. It reaches AWS only through ctx.aws. */
export interface StepContext<A = unknown> {
  config: Config;
  aws: A;
  signal: AbortSignal;
  /** The outputs another step recorded (undefined if it has not run). */
  outputsOf<T extends Outputs = Outputs>(step: StepId): T | undefined;
  /** This step's outputs from an earlier run: ids to find before creating. */
  previous: Outputs | undefined;
  /** Persists ids as soon as they are known, so a kill right after a create leaks nothing. */
  record(partial: Outputs): Promise<void>;
  /** A progress note for the UI (never printed by the step itself). */
  progress(message: string): void;
  /** A warning for the UI: something the user should know that did not stop the step. */
  warn(message: string): void;
}

export interface Step<A = unknown> {
  id: StepId;
  title: string;
  /** What the walkthrough does by hand for this step, in its own terms. */
  console: string;
  /** Where and why msdemo does it differently from the walkthrough. */
  deviations?: string[];
  needs: StepId[];
  plan(ctx: StepContext<A>): Promise<Change[]>;
  apply(ctx: StepContext<A>): Promise<Outputs>;
  destroy(ctx: StepContext<A>): Promise<void>;
  inspect(ctx: StepContext<A>): Promise<LiveStatus>;
}

export interface StepFailure {
  message: string;
  hint?: string;
}

export type EngineEvent =
  | { type: "run-start"; mode: RunMode; steps: StepId[]; at: string }
  | { type: "step-start"; mode: RunMode; step: StepId; title: string; at: string }
  | { type: "step-progress"; step: StepId; message: string; at: string }
  | { type: "step-warning"; step: StepId; message: string; at: string }
  | { type: "step-done"; mode: RunMode; step: StepId; elapsedMs: number; at: string }
  | { type: "step-failed"; mode: RunMode; step: StepId; error: StepFailure; elapsedMs: number; at: string }
  | { type: "step-skipped"; mode: RunMode; step: StepId; reason: SkipReason; at: string }
  | {
      type: "run-end";
      mode: RunMode;
      ok: boolean;
      interrupted: boolean;
      /** The user quit at a teaching-mode prompt. */
      quit: boolean;
      failures: number;
      elapsedMs: number;
      at: string;
    };

export type RunMode = "apply" | "destroy";

/** Why a step did not run; the UI words it in the user's language. */
export type SkipReason = "skipped-by-you" | "interrupted" | "you-quit" | "after-failure";
