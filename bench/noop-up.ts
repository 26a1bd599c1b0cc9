// A second `up` with nothing to do, against moto_server: how many mutating AWS
// calls it makes (goal 0) and how long it takes, beside the first run.
import type { StepId } from "../src/config.js";
import { memoryState, runSteps } from "../src/engine/runner.js";
import { loadSteps } from "../src/steps/index.js";
import { OUTPUT_HANDOFF } from "../src/steps/outputs.js";
import { createLabRoles } from "../test/support/lab-roles.js";
import { startMoto } from "../test/support/moto.js";
import { recordCalls, testConfig } from "../test/support/step-harness.js";

// Steps that need no image registry or Kubernetes API besides moto.
const AWS_ONLY: StepId[] = ["network", "database", "registry", "cluster", "nodes"];

export async function benchNoopUp(): Promise<{
  steps: StepId[];
  firstMs: number;
  secondMs: number;
  firstMutating: number;
  secondMutating: string[];
}> {
  process.env.MSDEMO_POLL_SCALE = "0.001";
  const moto = await startMoto();
  try {
    const aws = moto.clients();
    await createLabRoles(aws);
    const log = recordCalls(aws);
    const steps = (await loadSteps()).filter((s) => AWS_ONLY.includes(s.id));
    const selected = steps.map((s) => s.id);
    const state = memoryState();
    const run = async () => {
      const started = performance.now();
      const result = await runSteps({
        mode: "apply",
        steps,
        selected,
        state,
        config: testConfig(),
        aws,
        signal: new AbortController().signal,
        emit: () => undefined,
        describeError: (e) => ({ message: String(e) }),
        ...OUTPUT_HANDOFF,
      });
      if (!result.ok) throw new Error(`up failed: ${JSON.stringify(result.failures)}`);
      return performance.now() - started;
    };
    const firstMs = await run();
    const firstMutating = log.mutating().length;
    log.clear();
    const secondMs = await run();
    return { steps: selected, firstMs, secondMs, firstMutating, secondMutating: log.mutating() };
  } finally {
    await moto.stop();
  }
}
