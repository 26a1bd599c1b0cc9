// The wall time of a run given the dependency graph and each step's usual
// duration (which the app knows): the longest chain, since independent steps overlap.
import type { StepId } from "../step-ids.js";

/** Seconds along the longest chain of `selected` steps (steps outside it count as done). */
export function criticalPathSeconds(
  steps: readonly { id: StepId; needs: StepId[] }[],
  selected: readonly StepId[],
  typicalSeconds: Readonly<Record<StepId, number>>,
): number {
  const chosen = new Set(selected);
  const memo = new Map<StepId, number>();
  const finish = (id: StepId): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const step = steps.find((s) => s.id === id);
    const before = Math.max(0, ...(step?.needs ?? []).filter((n) => chosen.has(n)).map(finish));
    const total = before + typicalSeconds[id];
    memo.set(id, total);
    return total;
  };
  return Math.max(0, ...selected.map(finish));
}
