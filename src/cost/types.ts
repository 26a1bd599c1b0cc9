// The shape of a cost estimate: line items, what could not be priced, totals,
// the resources that dominate, and notes about what the sum leaves out.

export type CostItemId =
  | "eks-control-plane"
  | "nodes"
  | "node-volumes"
  | "db-instance"
  | "db-storage"
  | "load-balancers"
  | "public-ipv4"
  | "secrets"
  | "ecr-storage"
  | "api-requests";

/** What one quantity is billed by; a code, worded by the formatter. */
export type CostUnit =
  | "cluster-hour"
  | "instance-hour"
  | "GB-month"
  | "LB-hour"
  | "address-hour"
  | "secret-month"
  | "million requests";

export interface CostLineItem {
  id: CostItemId;
  /** What is billed, e.g. "EC2 nodes (t3.medium)". */
  resource: string;
  /** Short words for the dominant sentence, e.g. "2 × t3.medium nodes". */
  label: string;
  quantity: number;
  unit: CostUnit;
  unitPrice: number;
  hourly: number;
  monthly: number;
}

/** A resource the table has no price for: shown, never counted as 0. */
export interface UnpricedItem {
  id: CostItemId;
  resource: string;
  quantity: number;
  /** The type or class that is missing from the table. */
  missing: string;
}

export interface DominantItem {
  id: CostItemId;
  label: string;
  monthly: number;
  /** Fraction of the priced monthly total, 0–1. */
  share: number;
}

export type CostNote =
  | { kind: "region-fallback"; region: string; pricedRegion: string }
  | { kind: "unpriced"; missing: string[] }
  | { kind: "api-per-million"; pricePerMillion: number }
  | { kind: "lb-per-gb"; pricePerGb: number; loadBalancers: number }
  /** --private: the NLBs' traffic charge; the gateway's VPC link itself is free for HTTP APIs. */
  | { kind: "nlb-per-lcu"; pricePerLcu: number; loadBalancers: number }
  /** The web page (S3 + CloudFront): within the always-free tier for a demo's traffic. */
  | { kind: "site-free-tier" }
  | { kind: "not-counted" };

export interface CostEstimate {
  currency: "USD";
  region: string;
  /** The region whose prices were used (differs from `region` on fallback). */
  pricedRegion: string;
  pricesAsOf: string;
  hoursPerMonth: number;
  items: CostLineItem[];
  unknown: UnpricedItem[];
  totals: { hourly: number; monthly: number };
  dominant: DominantItem[];
  notes: CostNote[];
}

/** What the estimate is computed from: the stack's configuration, nothing live. */
export interface CostInput {
  region: string;
  instanceType: string;
  nodes: number;
  /** Root volume of each node, GiB (the walkthrough: 20). */
  nodeDiskGiB: number;
  nodeVolumeType?: "gp3" | "gp2";
  dbInstanceClass: string;
  dbStorageGiB: number;
  dbStorageType?: "gp3" | "gp2";
  loadBalancers?: number;
  /** --private: the load balancers are internal NLBs instead of classic ELBs. */
  privateLoadBalancers?: boolean;
  secrets?: number;
  repositories?: number;
  /** Stored size of one service image, GB. */
  imageGiB?: number;
  /** API Gateway requests a month; without it the API's cost is a per-million note. */
  requestsPerMonth?: number;
}
