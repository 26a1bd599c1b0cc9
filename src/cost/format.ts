// The estimate in words: one line for `plan` and `status`, and the full table
// for `msdemo cost`. Strings only; the commands print them.
import { t } from "../i18n/index.js";
import { formatTable } from "../ui/format.js";
import type { CostSoFar } from "./so-far.js";
import type { CostEstimate, CostNote, CostUnit, DominantItem } from "./types.js";

/** Dollars with a fixed number of decimals: hourly prices need 4, monthly ones 2. */
export function usd(amount: number, decimals = 2): string {
  return `$${amount.toFixed(decimals)}`;
}

/** Trims a quantity like 0.15000000000000002 to what a person would write. */
function quantity(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
}

export function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** "EKS control plane 34 %, 2 × t3.medium nodes 28 %, 3 classic load balancers 25 %" */
export function dominantSentence(dominant: readonly DominantItem[]): string {
  return dominant.map((d) => `${d.label} ${percent(d.share)}`).join(", ");
}

export function unitWord(unit: CostUnit): string {
  return t(`cost.unit.${unit}`);
}

export function noteText(note: CostNote): string {
  switch (note.kind) {
    case "region-fallback":
      return t("cost.note.regionFallback", { region: note.region, pricedRegion: note.pricedRegion });
    case "unpriced":
      return t("cost.note.unpriced", { missing: note.missing.join(", ") });
    case "api-per-million":
      return t("cost.note.apiPerMillion", { price: usd(note.pricePerMillion) });
    case "lb-per-gb":
      return t("cost.note.lbPerGb", { count: note.loadBalancers, price: usd(note.pricePerGb, 3) });
    case "nlb-per-lcu":
      return t("cost.note.nlbPerLcu", { count: note.loadBalancers, price: usd(note.pricePerLcu, 3) });
    case "site-free-tier":
      return t("site.cost.freeTier");
    case "not-counted":
      return t("cost.note.notCounted");
  }
}

/** The one line `plan` and `status` show. */
export function costLine(estimate: CostEstimate): string {
  const extras = [
    t("cost.line.pricesOf", { date: estimate.pricesAsOf }),
    ...(estimate.pricedRegion !== estimate.region
      ? [t("cost.line.regionPrices", { region: estimate.pricedRegion })]
      : []),
    ...(estimate.unknown.length
      ? [t("cost.line.notPriced", { missing: estimate.unknown.map((u) => u.missing).join(", ") })]
      : []),
  ];
  const dominant = estimate.dominant.length
    ? t("cost.line.mostOfIt", { items: dominantSentence(estimate.dominant) })
    : "";
  return t("cost.line", {
    hourly: usd(estimate.totals.hourly, 4),
    monthly: usd(estimate.totals.monthly),
    extras: extras.join("; "),
    dominant,
  });
}

export function costSoFarLine(soFar: CostSoFar): string {
  return t("cost.soFar", { since: soFar.since, amount: usd(soFar.amount) });
}

/** `msdemo cost`: the table, the totals, the dominant resources, the notes and the table's date. */
export function costReport(estimate: CostEstimate, soFar?: CostSoFar): string {
  const rows = [
    ...estimate.items.map((i) => [
      i.resource,
      `${quantity(i.quantity)} ${unitWord(i.unit)}`,
      `${usd(i.unitPrice, 4)}`,
      usd(i.hourly, 4),
      usd(i.monthly),
    ]),
    ...estimate.unknown.map((u) => [u.resource, quantity(u.quantity), t("cost.report.unknown"), "?", "?"]),
  ];
  const headings = [
    t("cost.report.resource"),
    t("cost.report.quantity"),
    t("cost.report.unitPrice"),
    t("cost.report.perHour"),
    t("cost.report.perMonth"),
  ];
  const lines = [
    t("cost.report.heading", { region: estimate.region, date: estimate.pricesAsOf }),
    "",
    formatTable(headings, rows),
    "",
    t("cost.report.total", {
      hourly: usd(estimate.totals.hourly, 4),
      monthly: usd(estimate.totals.monthly),
      hours: estimate.hoursPerMonth,
      rest: estimate.unknown.length ? t("cost.report.totalRest") : "",
    }),
  ];
  if (estimate.dominant.length)
    lines.push(t("cost.report.mostOfIt", { items: dominantSentence(estimate.dominant) }));
  if (soFar) lines.push(costSoFarLine(soFar));
  lines.push("", ...estimate.notes.map((n) => `• ${noteText(n)}`));
  return lines.join("\n");
}
