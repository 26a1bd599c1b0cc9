// The last lines a student reads after `up` and `teardown`: what was built or
// removed, and what to do next (try it, what it costs from now on, tear it down).
import { usd } from "../cost/format.js";
import { t } from "../i18n/index.js";
import { formatDuration } from "./format.js";

export function upSummary(options: {
  elapsedMs: number;
  apiUrl?: string;
  /** The web page's CloudFront address, when the site step published it. */
  pageUrl?: string;
  /** What the resources that exist now cost, hourly and monthly. */
  cost: { hourly: number; monthly: number };
}): string {
  return [
    t("ui.summary.done", { elapsed: formatDuration(options.elapsedMs) }),
    ...(options.apiUrl ? [t("run.apiUrl", { url: options.apiUrl })] : []),
    ...(options.pageUrl ? [t("site.summary.pageUrl", { url: options.pageUrl })] : []),
    ...(options.apiUrl ? [t("ui.summary.smoke")] : []),
    t("ui.summary.cost", {
      hourly: usd(options.cost.hourly, 2),
      monthly: usd(options.cost.monthly, 0),
    }),
    t("ui.summary.teardown"),
  ].join("\n");
}

/** "EC2 security group ×2, RDS DB instance" — the kinds removed, in the order first seen. */
export function teardownSummary(stack: string, removedTypes: string[]): string {
  if (removedTypes.length === 0)
    return `${t("ui.teardown.removedNone", { stack })}\n${t("ui.teardown.billingStopped", { stack })}`;
  const counts = new Map<string, number>();
  for (const type of removedTypes) counts.set(type, (counts.get(type) ?? 0) + 1);
  const items = [...counts].map(([type, count]) => (count > 1 ? `${type} ×${count}` : type)).join(", ");
  return `${t("ui.teardown.removed", { count: removedTypes.length, stack, items })}\n${t("ui.teardown.billingStopped", { stack })}`;
}
