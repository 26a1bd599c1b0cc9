// Steps that only wait, shaped like the real graph, for engine tests and the
// engine benchmark. Durations are AWS's usual ones in abstract units.
import { setTimeout as sleep } from "node:timers/promises";
import type { StepId } from "../../src/config.js";
import { criticalPathSeconds } from "../../src/engine/estimate.js";
import type { Outputs, Step } from "../../src/engine/types.js";
import { TYPICAL_SECONDS } from "../../src/steps/timings.js";

const NEEDS: Record<StepId, StepId[]> = {
  network: [],
  registry: [],
  database: ["network"],
  images: ["registry"],
  cluster: ["network"],
  nodes: ["cluster"],
  deploy: ["nodes", "images", "database"],
  gateway: ["deploy"],
  site: ["gateway"],
};

export const REAL_GRAPH = Object.fromEntries(
  (Object.keys(NEEDS) as StepId[]).map((id) => [id, { needs: NEEDS[id], units: TYPICAL_SECONDS[id] }]),
) as Record<StepId, { needs: StepId[]; units: number }>;

/** The longest chain of units through the graph. */
export function criticalPathUnits(): number {
  const ids = Object.keys(NEEDS) as StepId[];
  return criticalPathSeconds(
    ids.map((id) => ({ id, needs: NEEDS[id] })),
    ids,
    TYPICAL_SECONDS,
  );
}

export interface SyntheticLog {
  started: StepId[];
  finished: StepId[];
  applied: StepId[];
  destroyed: StepId[];
}

export function syntheticSteps(
  msPerUnit: number,
  options: { fail?: Partial<Record<StepId, string>>; graph?: typeof REAL_GRAPH } = {},
): { steps: Step<unknown, { previousId: string | null }>[]; log: SyntheticLog } {
  const graph = options.graph ?? REAL_GRAPH;
  const log: SyntheticLog = { started: [], finished: [], applied: [], destroyed: [] };
  const steps = (Object.keys(graph) as StepId[]).map(
    (id): Step<unknown, { previousId: string | null }> => ({
      id,
      title: id,
      console: `${id} by hand`,
      needs: graph[id].needs,
      observe: async (ctx) => ({ previousId: (ctx.previous?.id as string | undefined) ?? null }),
      diff: () => [
        {
          change: { action: "create", resource: "thing", name: id },
          run: async (ctx) => {
            log.started.push(id);
            log.applied.push(id);
            for (const need of graph[id].needs) {
              if (!ctx.find(need)) throw new Error(`${id} started before ${need} recorded outputs`);
            }
            await sleep(graph[id].units * msPerUnit, undefined, { signal: ctx.signal });
            const failure = options.fail?.[id];
            if (failure) throw new Error(failure);
            log.finished.push(id);
          },
        },
      ],
      outputs: async (snapshot) => ({ id: `${id}-1`, verifiedFrom: snapshot.previousId }),
      destroy: async (ctx) => {
        log.started.push(id);
        log.destroyed.push(id);
        await sleep(graph[id].units * msPerUnit, undefined, { signal: ctx.signal });
        log.finished.push(id);
      },
      inspect: async () => ({ resources: [] }),
    }),
  );
  return { steps, log };
}

/** Synthetic steps hand on free-form outputs: the engine takes them unchecked. */
export const UNCHECKED_HANDOFF = {
  parseOutputs: (_step: StepId, outputs: Outputs) => outputs,
  missingStep: (step: StepId, need: StepId) => new Error(`${step} needs ${need}`),
} as const;
