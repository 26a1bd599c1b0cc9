// The estimate in words: one line for `plan` and `status`, and the full table
// for `msdemo cost`. Strings only; the commands print them.
import { formatTable } from "../ui/format.js";
import type { CostSoFar } from "./so-far.js";
import type { CostEstimate, CostNote, DominantItem } from "./types.js";

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

export function noteText(note: CostNote): string {
  switch (note.kind) {
    case "region-fallback":
      return `${note.region} is not in the price table: these are ${note.pricedRegion}'s prices; ${note.region}'s may differ.`;
    case "unpriced":
      return `Not in the price table, so not in the totals: ${note.missing.join(", ")}.`;
    case "api-per-million":
      return `API Gateway HTTP API: ${usd(note.pricePerMillion)} per million requests (not in the totals; give --requests to add it).`;
    case "lb-per-gb":
      return `The ${note.loadBalancers} classic load balancers also cost ${usd(note.pricePerGb, 3)} per GB they process.`;
    case "not-counted":
      return "Not counted: data transfer out, the load balancers' own public addresses, CloudWatch, free tier and credits.";
  }
}

/** The one line `plan` and `status` show. */
export function costLine(estimate: CostEstimate): string {
  const extras = [
    `on-demand prices of ${estimate.pricesAsOf}`,
    ...(estimate.pricedRegion !== estimate.region ? [`${estimate.pricedRegion} prices`] : []),
    ...(estimate.unknown.length ? [`not priced: ${estimate.unknown.map((u) => u.missing).join(", ")}`] : []),
  ];
  const dominant = estimate.dominant.length ? `; most of it: ${dominantSentence(estimate.dominant)}` : "";
  return `Estimated cost: ${usd(estimate.totals.hourly, 4)}/h, ${usd(estimate.totals.monthly)}/month (${extras.join("; ")})${dominant}`;
}

export function costSoFarLine(soFar: CostSoFar): string {
  return `Cost so far (since ${soFar.since}): about ${usd(soFar.amount)}`;
}

/** `msdemo cost`: the table, the totals, the dominant resources, the notes and the table's date. */
export function costReport(estimate: CostEstimate, soFar?: CostSoFar): string {
  const rows = [
    ...estimate.items.map((i) => [
      i.resource,
      `${quantity(i.quantity)} ${i.unit}`,
      `${usd(i.unitPrice, 4)}`,
      usd(i.hourly, 4),
      usd(i.monthly),
    ]),
    ...estimate.unknown.map((u) => [u.resource, quantity(u.quantity), "unknown", "?", "?"]),
  ];
  const table = formatTable(["Resource", "Quantity", "Unit price", "$/h", "$/month"], rows);
  const lines = [
    `Estimated cost of the stack in ${estimate.region} (USD, on-demand list prices of ${estimate.pricesAsOf}; an estimate, not a bill)`,
    "",
    table,
    "",
    `Total: ${usd(estimate.totals.hourly, 4)}/h, ${usd(estimate.totals.monthly)}/month (${estimate.hoursPerMonth} h)${estimate.unknown.length ? " + what could not be priced" : ""}`,
  ];
  if (estimate.dominant.length) lines.push(`Most of it: ${dominantSentence(estimate.dominant)}.`);
  if (soFar) lines.push(costSoFarLine(soFar));
  lines.push("", ...estimate.notes.map((n) => `• ${noteText(n)}`));
  return lines.join("\n");
}
