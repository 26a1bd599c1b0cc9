// Steps that only wait, shaped like the real graph, for engine tests and the
// engine benchmark. Durations are AWS's usual ones in abstract units.
import { setTimeout as sleep } from "node:timers/promises";
import type { StepId } from "../../src/config.js";
import type { Step } from "../../src/engine/types.js";

export const REAL_GRAPH: Record<StepId, { needs: StepId[]; units: number }> = {
  network: { needs: [], units: 1 },
  registry: { needs: [], units: 1 },
  database: { needs: ["network"], units: 360 },
  images: { needs: ["registry"], units: 120 },
  cluster: { needs: ["network"], units: 600 },
  nodes: { needs: ["cluster"], units: 180 },
  deploy: { needs: ["nodes", "images", "database"], units: 120 },
  gateway: { needs: ["deploy"], units: 5 },
};

/** The longest chain of units through the graph. */
export function criticalPathUnits(graph = REAL_GRAPH): number {
  const memo = new Map<StepId, number>();
  const finish = (id: StepId): number => {
    if (!memo.has(id)) memo.set(id, graph[id].units + Math.max(0, ...graph[id].needs.map(finish)));
    return memo.get(id)!;
  };
  return Math.max(...(Object.keys(graph) as StepId[]).map(finish));
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
): { steps: Step<unknown>[]; log: SyntheticLog } {
  const graph = options.graph ?? REAL_GRAPH;
  const log: SyntheticLog = { started: [], finished: [], applied: [], destroyed: [] };
  const steps = (Object.keys(graph) as StepId[]).map(
    (id): Step<unknown> => ({
      id,
      title: id,
      console: `${id} by hand`,
      needs: graph[id].needs,
      plan: async () => [{ action: "create", resource: "thing", name: id }],
      apply: async (ctx) => {
        log.started.push(id);
        log.applied.push(id);
        for (const need of graph[id].needs) {
          if (!ctx.outputsOf(need)) throw new Error(`${id} started before ${need} recorded outputs`);
        }
        await sleep(graph[id].units * msPerUnit, undefined, { signal: ctx.signal });
        const failure = options.fail?.[id];
        if (failure) throw new Error(failure);
        log.finished.push(id);
        return { id: `${id}-1`, verifiedFrom: (ctx.previous?.id as string | undefined) ?? null };
      },
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
