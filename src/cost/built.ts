// What the part of the stack that exists costs: each line item belongs to the
// step that makes its resource, so a run that built only some steps is not
// quoted the whole stack's price.
import type { CostEstimate, CostItemId } from "./types.js";

const ITEM_STEP: Record<CostItemId, string> = {
  "eks-control-plane": "cluster",
  nodes: "nodes",
  "node-volumes": "nodes",
  "public-ipv4": "nodes",
  "db-instance": "database",
  "db-storage": "database",
  secrets: "database",
  "load-balancers": "deploy",
  "ecr-storage": "registry",
  "api-requests": "gateway",
};

export function builtTotals(
  estimate: CostEstimate,
  doneSteps: readonly string[],
): { hourly: number; monthly: number } {
  const built = estimate.items.filter((item) => doneSteps.includes(ITEM_STEP[item.id]));
  return {
    hourly: built.reduce((sum, item) => sum + item.hourly, 0),
    monthly: built.reduce((sum, item) => sum + item.monthly, 0),
  };
}
