// The plan summary: what `up` will create, adopt, update or leave as it is.
import type { StepPlan } from "../engine/collect.js";
import type { Change } from "../engine/types.js";
import { type PlainMessageKey, t, wordFor } from "../i18n/index.js";
import { formatTable } from "./format.js";

const SYMBOL: Record<string, string> = { create: "+", update: "~", adopt: "=", none: " ", delete: "-" };

const ACTION_KEYS: Record<string, PlainMessageKey> = {
  create: "ui.action.create",
  update: "ui.action.update",
  adopt: "ui.action.adopt",
  none: "ui.action.none",
  delete: "ui.action.delete",
};

/** A plan action in the user's language (English: the action itself). */
export function actionWord(action: string): string {
  return wordFor(ACTION_KEYS, action);
}

/** One change as a line of progress while `up` makes it: "create ECR repository auth-service-repo". */
export function changeLine(change: Change): string {
  return `${actionWord(change.action)} ${change.resource} ${change.name}`;
}

/** The plan as a table; given a terminal's width, fitted to it. */
export function planTable(plans: StepPlan[], width?: number): string {
  const rows: string[][] = [];
  for (const plan of plans) {
    if (plan.error) rows.push(["!", plan.step, t("plan.couldNotPlan"), plan.error.message, ""]);
    for (const change of plan.changes) {
      const detail = [change.detail, change.warning && `⚠ ${change.warning}`].filter(Boolean).join("; ");
      const action = `${actionWord(change.action)}${detail ? `: ${detail}` : ""}`;
      rows.push([SYMBOL[change.action] ?? "?", plan.step, change.resource, change.name, action]);
    }
  }
  return formatTable(["", t("table.step"), t("table.resource"), t("table.name"), t("table.action")], rows, {
    ...(width ? { width } : {}),
  });
}

export function planCounts(plans: StepPlan[]): Record<string, number> {
  const counts: Record<string, number> = { create: 0, update: 0, adopt: 0, none: 0, delete: 0 };
  for (const plan of plans)
    for (const change of plan.changes) counts[change.action] = (counts[change.action] ?? 0) + 1;
  return counts;
}

export function planSummary(plans: StepPlan[]): string {
  const c = planCounts(plans);
  return t("plan.summary", {
    create: c.create ?? 0,
    update: c.update ?? 0,
    adopt: c.adopt ?? 0,
    none: c.none ?? 0,
  });
}
