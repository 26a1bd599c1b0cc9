// The DAG runner. Starts every step whose dependencies are met, concurrently;
// records outputs as soon as a step completes; on the first failure starts
// nothing new, lets running steps finish and reports every failure. In destroy
// mode the edges are reversed: a step goes once everything that needs it is gone.
// It emits events and never prints.
import type { StepRecord } from "../state/store.js";
import type { StepId } from "../step-ids.js";
import { type MissingStepError, type OutputsParser, stepContext } from "./context.js";
import { faultPoint } from "./fault.js";
import { applyStep } from "./step-run.js";
import type { EngineEvent, RunMode, SkipReason, Step, StepContext, StepFailure } from "./types.js";
import { NOTICEABLE_WAIT_MS, type Now, waitClock } from "./waiting.js";

/** Where the runner reads and persists step records (the state store, or memory in tests). */
export interface StateAccess {
  get(step: StepId): StepRecord | undefined;
  put(step: StepId, record: Omit<StepRecord, "updatedAt">): void;
  remove(step: StepId): void;
}

/** Asked before a step starts (teaching mode): run it, skip it, or stop the run. */
export type StepGate = (step: StepId) => Promise<"run" | "skip" | "quit">;

export interface RunOptions<A> {
  mode: RunMode;
  /** Every registered step, so dependencies outside the selection can be checked. */
  steps: readonly Step<A>[];
  selected: readonly StepId[];
  state: StateAccess;
  config: StepContext<A>["config"];
  aws: A;
  signal: AbortSignal;
  emit(event: EngineEvent): void;
  /** Turns a thrown error into what the user reads. */
  describeError(error: unknown): StepFailure;
  parseOutputs: OutputsParser;
  missingStep: MissingStepError;
  gate?: StepGate;
  /** The clock for step times and waits: Date.now, or a fake one in tests. */
  clock?: Now;
}

export interface RunResult {
  ok: boolean;
  interrupted: boolean;
  quit: boolean;
  completed: StepId[];
  skipped: StepId[];
  failures: { step: StepId; error: StepFailure }[];
}

const now = () => new Date().toISOString();

/** Steps (among `selected`) that must finish before `id` may start, for this mode. */
function blockers<A>(
  mode: RunMode,
  id: StepId,
  steps: readonly Step<A>[],
  selected: ReadonlySet<StepId>,
): StepId[] {
  if (mode === "apply") return steps.find((s) => s.id === id)!.needs.filter((n) => selected.has(n));
  return steps.filter((s) => selected.has(s.id) && s.needs.includes(id)).map((s) => s.id);
}

export async function runSteps<A>(options: RunOptions<A>): Promise<RunResult> {
  const { mode, steps, state, emit, signal } = options;
  const selected = new Set(options.selected);
  const order = steps.filter((s) => selected.has(s.id));
  const clock = options.clock ?? Date.now;
  const started = clock();
  const result: RunResult = {
    ok: true,
    interrupted: false,
    quit: false,
    completed: [],
    skipped: [],
    failures: [],
  };
  const finished = new Set<StepId>();
  const running = new Map<StepId, Promise<void>>();
  let stopStarting = false;
  let gateChain: Promise<unknown> = Promise.resolve();

  emit({ type: "run-start", mode, steps: order.map((s) => s.id), at: now() });

  const contextFor = (step: Step<A>) => stepContext(step, { ...options, state });

  const runOne = async (step: Step<A>): Promise<void> => {
    if (options.gate) {
      // One question at a time, even when several steps become ready together.
      const asked = gateChain.then(() => (result.quit || signal.aborted ? "quit" : options.gate!(step.id)));
      gateChain = asked;
      const decision = await asked;
      if (decision === "quit") {
        result.quit = true;
        stopStarting = true;
        return;
      }
      if (decision === "skip") {
        result.skipped.push(step.id);
        emit({ type: "step-skipped", mode, step: step.id, reason: "skipped-by-you", at: now() });
        finished.add(step.id);
        return;
      }
    }
    const stepStarted = clock();
    // This step's own count of time spent waiting on outside services.
    const waits = waitClock(clock);
    emit({ type: "step-start", mode, step: step.id, title: step.title, at: now() });
    try {
      await waits.run(async () => {
        if (mode === "apply") {
          const outputs = await applyStep(step, contextFor(step), (change) =>
            emit({ type: "step-change", step: step.id, change, at: now() }),
          );
          state.put(step.id, { status: "done", outputs });
          faultPoint(`done:${step.id}`);
        } else {
          await step.destroy(contextFor(step));
          state.remove(step.id);
        }
      });
      finished.add(step.id);
      result.completed.push(step.id);
      const waitedMs = waits.waitedMs();
      emit({
        type: "step-done",
        mode,
        step: step.id,
        elapsedMs: clock() - stepStarted,
        ...(waitedMs >= NOTICEABLE_WAIT_MS ? { waitedMs } : {}),
        at: now(),
      });
    } catch (error) {
      stopStarting = true;
      // Stopped by Ctrl-C: reported once, as interrupted, with the steps that never ran.
      if (signal.aborted) return;
      const described = options.describeError(error);
      result.failures.push({ step: step.id, error: described });
      emit({
        type: "step-failed",
        mode,
        step: step.id,
        error: described,
        elapsedMs: clock() - stepStarted,
        at: now(),
      });
    }
  };

  const unmetOutsideSelection = (step: Step<A>): StepId | undefined =>
    mode === "apply"
      ? step.needs.find((n) => !selected.has(n) && state.get(n)?.status !== "done")
      : undefined;

  for (;;) {
    if (signal.aborted) stopStarting = true;
    if (!stopStarting) {
      for (const step of order) {
        if (finished.has(step.id) || running.has(step.id) || result.skipped.includes(step.id)) continue;
        const missing = unmetOutsideSelection(step);
        if (missing) {
          stopStarting = true;
          // The same error a step's ctx.require gives, worded by the app.
          const error = options.describeError(options.missingStep(step.id, missing));
          result.failures.push({ step: step.id, error });
          emit({ type: "step-failed", mode, step: step.id, error, elapsedMs: 0, at: now() });
          break;
        }
        if (blockers(mode, step.id, steps, selected).every((b) => finished.has(b))) {
          const promise = runOne(step).finally(() => running.delete(step.id));
          running.set(step.id, promise);
        }
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }

  result.interrupted = signal.aborted;
  for (const step of order) {
    const touched =
      finished.has(step.id) ||
      result.skipped.includes(step.id) ||
      result.failures.some((f) => f.step === step.id);
    if (!touched) {
      const reason: SkipReason = result.interrupted
        ? "interrupted"
        : result.quit
          ? "you-quit"
          : "after-failure";
      emit({ type: "step-skipped", mode, step: step.id, reason, at: now() });
    }
  }
  result.ok = result.failures.length === 0 && !result.interrupted && !result.quit;
  emit({
    type: "run-end",
    mode,
    ok: result.ok,
    interrupted: result.interrupted,
    quit: result.quit,
    failures: result.failures.length,
    elapsedMs: clock() - started,
    at: now(),
  });
  return result;
}

/** A StateAccess over a plain object, for plans, tests and benchmarks. */
export function memoryState(initial: Partial<Record<StepId, StepRecord>> = {}): StateAccess & {
  records: Partial<Record<StepId, StepRecord>>;
} {
  const records = { ...initial };
  return {
    records,
    get: (step) => records[step],
    put: (step, record) => {
      records[step] = { ...record, updatedAt: now() };
    },
    remove: (step) => {
      delete records[step];
    },
  };
}
