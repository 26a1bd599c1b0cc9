// How long each step usually takes on AWS, and the wall time of a run given
// the dependency graph: the longest chain, since independent steps overlap.
import type { StepId } from "../config.js";

export const TYPICAL_SECONDS: Record<StepId, number> = {
  network: 1,
  registry: 1,
  database: 360,
  images: 120,
  cluster: 600,
  nodes: 180,
  deploy: 120,
  gateway: 5,
};

/** Seconds along the longest chain of `selected` steps (steps outside it count as done). */
export function criticalPathSeconds(
  steps: readonly { id: StepId; needs: StepId[] }[],
  selected: readonly StepId[],
): number {
  const chosen = new Set(selected);
  const memo = new Map<StepId, number>();
  const finish = (id: StepId): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const step = steps.find((s) => s.id === id);
    const before = Math.max(0, ...(step?.needs ?? []).filter((n) => chosen.has(n)).map(finish));
    const total = before + TYPICAL_SECONDS[id];
    memo.set(id, total);
    return total;
  };
  return Math.max(0, ...selected.map(finish));
}
