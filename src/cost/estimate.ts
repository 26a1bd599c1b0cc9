// estimateCost: the stack's hourly and monthly cost from the price table.
// Pure: the same input, table and language always give the same estimate;
// the words (resource, label) follow the language, ids and units do not.
import { t } from "../i18n/index.js";
import {
  FALLBACK_PRICE_REGION,
  HOURS_PER_MONTH,
  PRICE_TABLE,
  PRICES_AS_OF,
  type PriceTable,
  type RegionPrices,
} from "./prices.js";
import type { CostEstimate, CostInput, CostLineItem, CostNote, DominantItem, UnpricedItem } from "./types.js";

/** One Kubernetes LoadBalancer Service per service: a classic ELB each. */
export const DEFAULT_LOAD_BALANCERS = 3;
/** The DB password secret (RDS-managed or generated) and the JWT secret. */
export const DEFAULT_SECRETS = 2;
export const DEFAULT_REPOSITORIES = 3;
/** node:lts-alpine (~45–55 MB compressed) plus the bundled service. */
export const DEFAULT_IMAGE_GIB = 0.05;
/** At most this many resources are named in the dominant sentence. */
const DOMINANT_COUNT = 3;

interface HourlyPrice {
  kind: "hourly";
  unitPrice: number;
}
interface MonthlyPrice {
  kind: "monthly";
  unitPrice: number;
}

type Draft = Omit<CostLineItem, "unitPrice" | "hourly" | "monthly"> & {
  price: HourlyPrice | MonthlyPrice | { kind: "unknown"; missing: string };
};

const hourly = (unitPrice: number): HourlyPrice => ({ kind: "hourly", unitPrice });
const monthly = (unitPrice: number): MonthlyPrice => ({ kind: "monthly", unitPrice });
const lookUp = (table: Readonly<Record<string, number>>, key: string) =>
  key in table ? hourly(table[key]!) : ({ kind: "unknown", missing: key } as const);

function drafts(input: CostInput, prices: RegionPrices): Draft[] {
  const nodeVolume = input.nodeVolumeType ?? "gp3";
  const dbStorage = input.dbStorageType ?? "gp3";
  const lbs = input.loadBalancers ?? DEFAULT_LOAD_BALANCERS;
  const secrets = input.secrets ?? DEFAULT_SECRETS;
  const repos = input.repositories ?? DEFAULT_REPOSITORIES;
  const list: Draft[] = [
    {
      id: "eks-control-plane",
      resource: t("cost.item.eksControlPlane"),
      label: t("cost.item.eksControlPlane"),
      quantity: 1,
      unit: "cluster-hour",
      price: hourly(prices.eksClusterHour),
    },
    {
      id: "nodes",
      resource: t("cost.item.nodes", { type: input.instanceType }),
      label: t("cost.item.nodes.label", { count: input.nodes, type: input.instanceType }),
      quantity: input.nodes,
      unit: "instance-hour",
      price: lookUp(prices.ec2InstanceHour, input.instanceType),
    },
    {
      id: "node-volumes",
      resource: t("cost.item.nodeVolumes", {
        volume: nodeVolume,
        count: input.nodes,
        size: input.nodeDiskGiB,
      }),
      label: t("cost.item.nodeVolumes.label", { total: input.nodes * input.nodeDiskGiB }),
      quantity: input.nodes * input.nodeDiskGiB,
      unit: "GB-month",
      price: monthly(prices.ebsGbMonth[nodeVolume]),
    },
    {
      id: "db-instance",
      resource: t("cost.item.db", { dbClass: input.dbInstanceClass }),
      label: t("cost.item.db.label", { dbClass: input.dbInstanceClass }),
      quantity: 1,
      unit: "instance-hour",
      price: lookUp(prices.rdsPostgresHour, input.dbInstanceClass),
    },
    {
      id: "db-storage",
      resource: t("cost.item.dbStorage", { volume: dbStorage }),
      label: t("cost.item.dbStorage.label", { size: input.dbStorageGiB }),
      quantity: input.dbStorageGiB,
      unit: "GB-month",
      price: monthly(prices.rdsStorageGbMonth[dbStorage]),
    },
    input.privateLoadBalancers
      ? {
          id: "load-balancers",
          resource: t("cost.item.nlbs"),
          label: t("cost.item.nlbs.label", { count: lbs }),
          quantity: lbs,
          unit: "LB-hour",
          price: hourly(prices.nlbHour),
        }
      : {
          id: "load-balancers",
          resource: t("cost.item.loadBalancers"),
          label: t("cost.item.loadBalancers.label", { count: lbs }),
          quantity: lbs,
          unit: "LB-hour",
          price: hourly(prices.classicLbHour),
        },
    {
      // Nodes in the default VPC's public subnets get a public address each.
      id: "public-ipv4",
      resource: t("cost.item.publicIpv4"),
      label: t("cost.item.publicIpv4.label", { count: input.nodes }),
      quantity: input.nodes,
      unit: "address-hour",
      price: hourly(prices.publicIpv4Hour),
    },
    {
      id: "secrets",
      resource: t("cost.item.secrets"),
      label: t("cost.item.secrets.label", { count: secrets }),
      quantity: secrets,
      unit: "secret-month",
      price: monthly(prices.secretMonth),
    },
    {
      id: "ecr-storage",
      resource: t("cost.item.ecr", { count: repos }),
      label: t("cost.item.ecr.label"),
      quantity: repos * (input.imageGiB ?? DEFAULT_IMAGE_GIB),
      unit: "GB-month",
      price: monthly(prices.ecrGbMonth),
    },
  ];
  if (input.requestsPerMonth !== undefined) {
    list.push({
      id: "api-requests",
      resource: t("cost.item.apiRequests"),
      label: t("cost.item.apiRequests.label"),
      quantity: input.requestsPerMonth / 1_000_000,
      unit: "million requests",
      price: monthly(prices.httpApiPerMillion),
    });
  }
  return list;
}

function priced(draft: Draft, price: HourlyPrice | MonthlyPrice): CostLineItem {
  const { price: _price, ...rest } = draft;
  const total = draft.quantity * price.unitPrice;
  return price.kind === "hourly"
    ? { ...rest, unitPrice: price.unitPrice, hourly: total, monthly: total * HOURS_PER_MONTH }
    : { ...rest, unitPrice: price.unitPrice, hourly: total / HOURS_PER_MONTH, monthly: total };
}

/** The top items by monthly cost, with their share of the priced total. */
export function dominantItems(items: readonly CostLineItem[], totalMonthly: number): DominantItem[] {
  if (totalMonthly <= 0) return [];
  return [...items]
    .sort((a, b) => b.monthly - a.monthly)
    .slice(0, DOMINANT_COUNT)
    .map((item) => ({
      id: item.id,
      label: item.label,
      monthly: item.monthly,
      share: item.monthly / totalMonthly,
    }));
}

export function estimateCost(input: CostInput, table: PriceTable = PRICE_TABLE): CostEstimate {
  const inTable = input.region in table;
  const pricedRegion = inTable ? input.region : FALLBACK_PRICE_REGION;
  const prices = table[pricedRegion];
  if (!prices) throw new Error(`The price table has no ${pricedRegion} prices to fall back on.`);

  const items: CostLineItem[] = [];
  const unknown: UnpricedItem[] = [];
  for (const draft of drafts(input, prices)) {
    if (draft.price.kind === "unknown") {
      unknown.push({
        id: draft.id,
        resource: draft.resource,
        quantity: draft.quantity,
        missing: draft.price.missing,
      });
    } else {
      items.push(priced(draft, draft.price));
    }
  }
  const totals = {
    hourly: items.reduce((sum, i) => sum + i.hourly, 0),
    monthly: items.reduce((sum, i) => sum + i.monthly, 0),
  };

  const notes: CostNote[] = [];
  if (!inTable) notes.push({ kind: "region-fallback", region: input.region, pricedRegion });
  if (unknown.length > 0) notes.push({ kind: "unpriced", missing: unknown.map((u) => u.missing) });
  if (input.requestsPerMonth === undefined)
    notes.push({ kind: "api-per-million", pricePerMillion: prices.httpApiPerMillion });
  const lbs = items.find((i) => i.id === "load-balancers");
  if (lbs && input.privateLoadBalancers)
    notes.push({ kind: "nlb-per-lcu", pricePerLcu: prices.nlbLcuHour, loadBalancers: lbs.quantity });
  else if (lbs)
    notes.push({ kind: "lb-per-gb", pricePerGb: prices.classicLbGbProcessed, loadBalancers: lbs.quantity });
  notes.push({ kind: "site-free-tier" });
  notes.push({ kind: "not-counted" });

  return {
    currency: "USD",
    region: input.region,
    pricedRegion,
    pricesAsOf: PRICES_AS_OF,
    hoursPerMonth: HOURS_PER_MONTH,
    items,
    unknown,
    totals,
    dominant: dominantItems(items, totals.monthly),
    notes,
  };
}
