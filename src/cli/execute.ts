// Runs the engine for a command: picks the renderer, turns SIGINT/SIGTERM into
// a clean stop (state is already written through; exit 130), returns the result.
import type { StepId } from "../config.js";
import { type RunResult, runSteps, type StepGate } from "../engine/runner.js";
import type { RunMode } from "../engine/types.js";
import { t } from "../i18n/index.js";
import { storeAccess } from "../state/access.js";
import { OUTPUT_HANDOFF } from "../steps/outputs.js";
import { createRenderer, type Renderer } from "../ui/renderer.js";
import { describeError, type Runtime } from "./runtime.js";

export async function executeSteps(
  runtime: Runtime,
  mode: RunMode,
  selected: StepId[],
  gate?: StepGate,
): Promise<RunResult> {
  const { config, store, steps, aws } = runtime;
  // The step view says what each step waits for.
  aws.whenSlow(undefined);
  const renderer = await createRenderer({
    json: config.json,
    verbose: config.verbose,
    interleavedPrompts: gate !== undefined,
  });
  const controller = new AbortController();
  // Ctrl-C cancels AWS calls in flight too: every id made so far is already saved.
  aws.abortOn(controller.signal);
  let signals = 0;
  const onSignal = () => {
    signals += 1;
    controller.abort();
    // A second Ctrl-C does not wait for running steps; every id is already saved.
    if (signals > 1) {
      store.unlock();
      process.exit(130);
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let interrupted = false;
  try {
    const initial = store.readOrNew(config.stack, config.region);
    const owned = runtime.account && !initial.account ? { ...initial, account: runtime.account } : initial;
    // up remembers its choices for the next up (teardown keeps them too).
    const remembered =
      mode === "apply" ? { ...owned, settings: { private: config.private === true } } : owned;
    const state = storeAccess(store, remembered);
    const result = await runSteps({
      mode,
      steps,
      selected,
      state,
      config,
      aws,
      signal: controller.signal,
      emit: (event) => renderer.onEvent(event),
      describeError,
      ...OUTPUT_HANDOFF,
      ...(gate ? { gate: heldWhileAsking(gate, renderer) } : {}),
    });
    interrupted = result.interrupted;
    return result;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await renderer.stop();
    // Once, after the step view: what happened and what to do.
    if (interrupted && !config.json) {
      const command = mode === "destroy" ? "msdemo teardown" : "msdemo up";
      process.stderr.write(`${t("notes.interrupted", { command })}\n`);
    }
  }
}

/** Other steps' lines wait while a question is on screen, so they never land inside it. */
function heldWhileAsking(gate: StepGate, renderer: Renderer): StepGate {
  return async (id) => {
    renderer.hold?.();
    try {
      return await gate(id);
    } finally {
      renderer.release?.();
    }
  };
}

/** The exit code for a run: 0, 130 when interrupted, 1 on failure. */
export function exitCodeOf(result: RunResult): number {
  if (result.interrupted) return 130;
  return result.ok || result.quit ? 0 : 1;
}
