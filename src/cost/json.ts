// The estimate as `msdemo cost --json` prints it: fixed keys, amounts rounded
// to 6 decimals so float noise does not change the output from run to run.
// Ids, units and note kinds are stable codes; resource, label and text follow --lang.
import { noteText } from "./format.js";
import type { CostSoFar } from "./so-far.js";
import type { CostEstimate } from "./types.js";

const round = (value: number) => Math.round(value * 1e6) / 1e6;

export function costJson(stack: string, estimate: CostEstimate, soFar?: CostSoFar) {
  return {
    stack,
    region: estimate.region,
    pricedRegion: estimate.pricedRegion,
    pricesAsOf: estimate.pricesAsOf,
    currency: estimate.currency,
    hoursPerMonth: estimate.hoursPerMonth,
    items: estimate.items.map((i) => ({
      id: i.id,
      resource: i.resource,
      quantity: round(i.quantity),
      unit: i.unit,
      unitPrice: i.unitPrice,
      hourly: round(i.hourly),
      monthly: round(i.monthly),
    })),
    unknown: estimate.unknown.map((u) => ({
      id: u.id,
      resource: u.resource,
      quantity: u.quantity,
      missing: u.missing,
    })),
    totals: { hourly: round(estimate.totals.hourly), monthly: round(estimate.totals.monthly) },
    dominant: estimate.dominant.map((d) => ({
      id: d.id,
      label: d.label,
      monthly: round(d.monthly),
      share: round(d.share),
    })),
    notes: estimate.notes.map((n) => ({ ...n, text: noteText(n) })),
    costSoFar: soFar ? { since: soFar.since, now: soFar.now, amount: round(soFar.amount) } : null,
  };
}
