// The Step contract and the events the engine emits. The contract is written
// out, with why it is shaped so, in src/steps/README.md. The engine knows the
// steps' names and nothing else of the app: the AWS clients (A), the config (C)
// and each step's outputs (O) are type parameters the app fills in.

import type { Outputs } from "../state/store.js";
import type { StepId } from "../step-ids.js";

export type { Outputs } from "../state/store.js";
export type { StepId } from "../step-ids.js";

type Mutation = "create" | "update" | "adopt" | "delete";

/**
 * One planned change, as `plan` prints it. `adopt`: it exists but msdemo did not
 * create it; msdemo tags it and uses it. `none`: nothing to do (shown for
 * completeness). `warning`: something the user should know that does not stop
 * the step; plan shows it, up reports it when it reaches this change.
 */
export type Change = {
  action: Mutation | "none";
  resource: string;
  name: string;
  detail?: string;
  warning?: string;
};

/**
 * A change and the code that makes it. A change that mutates has a `run`, one
 * that does not has none: plan prints exactly the changes `up` runs. X is the
 * step's context type.
 */
export type Action<X, S> =
  | { change: Change & { action: "none" }; run?: undefined }
  | {
      change: Change & { action: Mutation };
      /** Makes the change and writes what it made (ids, …) into the snapshot. */
      run(ctx: X, snapshot: S): Promise<void>;
    };

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

/** What each step hands the next: the app maps step names to output types. */
export type OutputMap = { [K in StepId]?: Outputs };

/** What a step is given. It reaches AWS only through ctx.aws. */
export interface StepContext<A = unknown, C = unknown, O extends OutputMap = OutputMap> {
  config: C;
  aws: A;
  signal: AbortSignal;
  /**
   * Another step's outputs, checked against that step's schema. Fails when the
   * step has not run ("run it first") or its recorded outputs do not match
   * (naming the step and the field).
   */
  require<K extends StepId>(step: K): NonNullable<O[K]>;
  /** The same, but undefined when the step has not run yet (a plan before it). */
  find<K extends StepId>(step: K): O[K] | undefined;
  /** This step's outputs from an earlier run: ids to find before creating. */
  previous: Outputs | undefined;
  /** Persists ids as soon as they are known, so a kill right after a create leaks nothing. */
  record(partial: Outputs): Promise<void>;
  /** A progress note for the UI (never printed by the step itself). */
  progress(message: string): void;
  /** A warning for the UI: something the user should know that did not stop the step. */
  warn(message: string): void;
}

/**
 * One step: observe → diff → act. `plan` is observe + diff; `up` is observe +
 * diff + each change's run + outputs. observe, outputs and inspect run under a
 * read-only guard (src/engine/read-only.ts): a write there throws.
 */
export interface Step<A = unknown, S = unknown, C = unknown, O extends OutputMap = OutputMap> {
  id: StepId;
  title: string;
  /** What the walkthrough does by hand for this step, in its own terms. */
  console: string;
  /** Where and why msdemo does it differently from the walkthrough. */
  deviations?: string[];
  needs: StepId[];
  /** Reads what exists (never writes) into a snapshot. */
  observe(ctx: StepContext<A, C, O>): Promise<S>;
  /** The changes that take `snapshot` to what the config wants, in order. No AWS call. */
  diff(snapshot: S, ctx: StepContext<A, C, O>): Action<StepContext<A, C, O>, S>[];
  /** After the changes ran: waits (reading only) until usable, and returns what later steps need. */
  outputs(snapshot: S, ctx: StepContext<A, C, O>): Promise<Outputs>;
  /**
   * When a change failed because what observe saw is gone (another run removed
   * it meanwhile): a note saying so, and up observes again and runs the new
   * diff. Undefined for any other error.
   */
  staleSnapshot?(error: unknown): string | undefined;
  destroy(ctx: StepContext<A, C, O>): Promise<void>;
  inspect(ctx: StepContext<A, C, O>): Promise<LiveStatus>;
}

export interface StepFailure {
  message: string;
  hint?: string;
}

export type EngineEvent =
  | { type: "run-start"; mode: RunMode; steps: StepId[]; at: string }
  | { type: "step-start"; mode: RunMode; step: StepId; title: string; at: string }
  /** `up` starts one of the step's planned changes. */
  | { type: "step-change"; step: StepId; change: Change; at: string }
  | { type: "step-progress"; step: StepId; message: string; at: string }
  | { type: "step-warning"; step: StepId; message: string; at: string }
  | {
      type: "step-done";
      mode: RunMode;
      step: StepId;
      elapsedMs: number;
      /** Of elapsedMs, the time spent waiting on an outside service; only when NOTICEABLE_WAIT_MS or more (waiting.ts). */
      waitedMs?: number;
      at: string;
    }
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
