// The price table: public AWS on-demand list prices (USD) for what the stack
// runs, in the two regions the course uses. Estimates only: AWS changes
// prices, and taxes, free tier and credits are not counted.

/** When these prices were read from the AWS pricing pages. */
export const PRICES_AS_OF = "2025-06";

/** AWS bills "per month" as 730 hours (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

/** The region whose prices stand in for a region outside the table. */
export const FALLBACK_PRICE_REGION = "us-east-1";

export type VolumeType = "gp3" | "gp2";

export interface RegionPrices {
  /** EKS control plane, standard Kubernetes version support, per cluster-hour. */
  eksClusterHour: number;
  /** EC2 on-demand Linux, per instance-hour, by instance type. */
  ec2InstanceHour: Readonly<Record<string, number>>;
  /** EBS volume storage per GB-month. */
  ebsGbMonth: Readonly<Record<VolumeType, number>>;
  /** RDS for PostgreSQL, single-AZ on-demand, per instance-hour, by DB instance class. */
  rdsPostgresHour: Readonly<Record<string, number>>;
  /** RDS storage per GB-month (single-AZ). */
  rdsStorageGbMonth: Readonly<Record<VolumeType, number>>;
  /** Classic Load Balancer per LB-hour, and per GB it processes. */
  classicLbHour: number;
  classicLbGbProcessed: number;
  /** Network Load Balancer (--private) per LB-hour, and per NLCU-hour of traffic it carries. */
  nlbHour: number;
  nlbLcuHour: number;
  /** In-use public IPv4 address per hour. */
  publicIpv4Hour: number;
  /** Secrets Manager per secret-month. */
  secretMonth: number;
  /** API Gateway HTTP API per million requests (first 300 million a month). */
  httpApiPerMillion: number;
  /** ECR private repository storage per GB-month. */
  ecrGbMonth: number;
}

// us-east-1 and us-west-2 share list prices for everything the stack uses;
// the table keeps them apart so a region that differs is one entry away.
const EC2_US: Record<string, number> = {
  "t3.micro": 0.0104,
  "t3.small": 0.0208,
  "t3.medium": 0.0416,
  "t3.large": 0.0832,
  "t3.xlarge": 0.1664,
  "t3.2xlarge": 0.3328,
  "t3a.micro": 0.0094,
  "t3a.small": 0.0188,
  "t3a.medium": 0.0376,
  "t3a.large": 0.0752,
  "t3a.xlarge": 0.1504,
  "t3a.2xlarge": 0.3008,
  // m5, m6i and c5 start at large.
  "m5.large": 0.096,
  "m5.xlarge": 0.192,
  "m5.2xlarge": 0.384,
  "m6i.large": 0.096,
  "m6i.xlarge": 0.192,
  "m6i.2xlarge": 0.384,
  "c5.large": 0.085,
  "c5.xlarge": 0.17,
  "c5.2xlarge": 0.34,
};

const RDS_POSTGRES_US: Record<string, number> = {
  "db.t3.micro": 0.018,
  "db.t3.small": 0.036,
  "db.t3.medium": 0.072,
  "db.t3.large": 0.145,
  "db.t4g.micro": 0.016,
  "db.t4g.small": 0.032,
  "db.t4g.medium": 0.065,
  "db.t4g.large": 0.129,
};

const US_PRICES: RegionPrices = {
  eksClusterHour: 0.1,
  ec2InstanceHour: EC2_US,
  ebsGbMonth: { gp3: 0.08, gp2: 0.1 },
  rdsPostgresHour: RDS_POSTGRES_US,
  rdsStorageGbMonth: { gp3: 0.115, gp2: 0.115 },
  classicLbHour: 0.025,
  classicLbGbProcessed: 0.008,
  nlbHour: 0.0225,
  nlbLcuHour: 0.006,
  publicIpv4Hour: 0.005,
  secretMonth: 0.4,
  httpApiPerMillion: 1.0,
  ecrGbMonth: 0.1,
};

export type PriceTable = Readonly<Record<string, RegionPrices>>;

export const PRICE_TABLE: PriceTable = {
  "us-east-1": US_PRICES,
  "us-west-2": { ...US_PRICES, ec2InstanceHour: { ...EC2_US }, rdsPostgresHour: { ...RDS_POSTGRES_US } },
};
