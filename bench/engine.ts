// The engine on a synthetic graph shaped like the real one: wall time over the
// critical path (goal ≤ 1.05), with the sequential sum beside it.
import type { StepId } from "../src/config.js";
import { memoryState, runSteps } from "../src/engine/runner.js";
import { testConfig } from "../test/support/step-harness.js";
import {
  criticalPathUnits,
  REAL_GRAPH,
  syntheticSteps,
  UNCHECKED_HANDOFF,
} from "../test/support/synthetic-steps.js";

export async function benchEngine(msPerUnit = 4): Promise<{
  wallMs: number;
  criticalMs: number;
  sequentialMs: number;
  ratio: number;
  sequentialRatio: number;
}> {
  const { steps } = syntheticSteps(msPerUnit);
  const started = performance.now();
  const result = await runSteps({
    mode: "apply",
    steps,
    selected: Object.keys(REAL_GRAPH) as StepId[],
    state: memoryState(),
    config: testConfig(),
    aws: undefined,
    signal: new AbortController().signal,
    emit: () => undefined,
    describeError: (e) => ({ message: String(e) }),
    ...UNCHECKED_HANDOFF,
  });
  const wallMs = performance.now() - started;
  if (!result.ok) throw new Error("synthetic run failed");
  const criticalMs = criticalPathUnits() * msPerUnit;
  const sequentialMs = Object.values(REAL_GRAPH).reduce((sum, s) => sum + s.units, 0) * msPerUnit;
  return {
    wallMs,
    criticalMs,
    sequentialMs,
    ratio: wallMs / criticalMs,
    sequentialRatio: sequentialMs / criticalMs,
  };
}
