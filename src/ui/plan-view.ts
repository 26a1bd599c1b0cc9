// The plan summary: what `up` will create, adopt, update or leave as it is.
import type { StepPlan } from "../engine/collect.js";
import { formatTable } from "./format.js";

const SYMBOL: Record<string, string> = { create: "+", update: "~", adopt: "=", none: " ", delete: "-" };

export function planTable(plans: StepPlan[]): string {
  const rows: string[][] = [];
  for (const plan of plans) {
    if (plan.error) rows.push(["!", plan.step, "(could not plan)", plan.error.message, ""]);
    for (const change of plan.changes) {
      rows.push([
        SYMBOL[change.action] ?? "?",
        plan.step,
        change.resource,
        change.name,
        `${change.action}${change.detail ? `: ${change.detail}` : ""}`,
      ]);
    }
  }
  return formatTable(["", "STEP", "RESOURCE", "NAME", "ACTION"], rows);
}

export function planCounts(plans: StepPlan[]): Record<string, number> {
  const counts: Record<string, number> = { create: 0, update: 0, adopt: 0, none: 0, delete: 0 };
  for (const plan of plans)
    for (const change of plan.changes) counts[change.action] = (counts[change.action] ?? 0) + 1;
  return counts;
}

export function planSummary(plans: StepPlan[]): string {
  const c = planCounts(plans);
  return `Plan: ${c.create} to create, ${c.update} to update, ${c.adopt} to adopt, ${c.none} unchanged.`;
}
