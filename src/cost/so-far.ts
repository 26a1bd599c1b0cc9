// What the stack has cost since it was made: each item's hourly cost times the
// hours since its resource was created (or since the state file was, when the
// resource's own creation time is not known).
import type { LiveResource } from "../engine/types.js";
import type { CostEstimate, CostItemId } from "./types.js";

const MS_PER_HOUR = 3_600_000;

/** Which line items a live resource's creation time applies to. */
const ITEMS_BY_RESOURCE_TYPE: Readonly<Record<string, readonly CostItemId[]>> = {
  "EKS cluster": ["eks-control-plane"],
  "EKS node group": ["nodes", "node-volumes", "public-ipv4"],
  "RDS DB instance": ["db-instance", "db-storage"],
  "ECR repository": ["ecr-storage"],
};

export type ItemStartTimes = Partial<Record<CostItemId, string>>;

export interface ItemCostSoFar {
  id: CostItemId;
  since: string;
  hours: number;
  amount: number;
}

export interface CostSoFar {
  /** The earliest start among the items. */
  since: string;
  now: string;
  amount: number;
  items: ItemCostSoFar[];
}

function parseTime(value: string, what: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`${what} is not a date: ${value}`);
  return ms;
}

/** The earliest creation time per line item, from `status`'s live resources. */
export function itemStartTimes(resources: readonly LiveResource[]): ItemStartTimes {
  const starts: ItemStartTimes = {};
  for (const resource of resources) {
    if (!resource.createdAt || resource.state === "missing") continue;
    for (const id of ITEMS_BY_RESOURCE_TYPE[resource.type] ?? []) {
      const known = starts[id];
      if (known === undefined || Date.parse(resource.createdAt) < Date.parse(known)) {
        starts[id] = resource.createdAt;
      }
    }
  }
  return starts;
}

export function costSoFar(
  estimate: CostEstimate,
  createdAt: string,
  now: Date,
  itemStarts: ItemStartTimes = {},
): CostSoFar {
  const nowMs = now.getTime();
  const stackStart = parseTime(createdAt, "createdAt");
  const items = estimate.items.map((item): ItemCostSoFar => {
    const since = itemStarts[item.id] ?? createdAt;
    // A clock behind the creation time costs nothing rather than a negative amount.
    const hours = Math.max(0, nowMs - parseTime(since, `${item.id} createdAt`)) / MS_PER_HOUR;
    return { id: item.id, since, hours, amount: hours * item.hourly };
  });
  const earliest = Math.min(stackStart, ...items.map((i) => Date.parse(i.since)));
  return {
    since: new Date(earliest).toISOString(),
    now: now.toISOString(),
    amount: items.reduce((sum, i) => sum + i.amount, 0),
    items,
  };
}
