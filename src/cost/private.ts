// What --private changes in the estimate: the same stack priced both ways.

import { t } from "../i18n/index.js";
import { estimateCost } from "./estimate.js";
import { usd } from "./format.js";
import type { CostInput } from "./types.js";

/** The line `msdemo cost --private` adds: private against public, in total and for the load balancers alone. */
export function privateDifference(input: CostInput): string {
  const publicEstimate = estimateCost({ ...input, privateLoadBalancers: false });
  const privateEstimate = estimateCost({ ...input, privateLoadBalancers: true });
  const lbMonthly = (e: typeof publicEstimate) =>
    e.items.find((i) => i.id === "load-balancers")?.monthly ?? 0;
  const difference = privateEstimate.totals.monthly - publicEstimate.totals.monthly;
  return t("cost.privateDifference", {
    private: usd(privateEstimate.totals.monthly),
    public: usd(publicEstimate.totals.monthly),
    difference: `${difference < 0 ? "−" : "+"}${usd(Math.abs(difference))}`,
    privateLb: usd(lbMonthly(privateEstimate)),
    publicLb: usd(lbMonthly(publicEstimate)),
  });
}
