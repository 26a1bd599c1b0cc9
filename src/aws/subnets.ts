// Which subnets an EKS cluster may use: the VPC's default subnets, minus the
// availability zones EKS does not support. Zones are compared by zone ID,
// because zone names (us-east-1a…) are shuffled per account.
import type { Subnet } from "@aws-sdk/client-ec2";
import { MsdemoError } from "../errors.js";

export const EKS_UNSUPPORTED_ZONE_IDS: ReadonlySet<string> = new Set(["use1-az3", "usw1-az2", "cac1-az3"]);

export function eksSubnetIds(
  subnets: Subnet[],
  excludedZoneIds: ReadonlySet<string> = EKS_UNSUPPORTED_ZONE_IDS,
): string[] {
  const usable = subnets.filter(
    (s) => s.DefaultForAz && s.SubnetId && !excludedZoneIds.has(s.AvailabilityZoneId ?? ""),
  );
  const zones = new Set(usable.map((s) => s.AvailabilityZoneId ?? s.AvailabilityZone));
  if (zones.size < 2) {
    throw new MsdemoError(
      `EKS needs subnets in at least two availability zones; the VPC has ${zones.size} usable default subnet zone(s).`,
      {
        hint: "Use the default VPC (it has a default subnet per zone), or pass --vpc-id of a VPC with default subnets in two or more zones.",
      },
    );
  }
  return usable.map((s) => s.SubnetId!).sort();
}

/** After UnsupportedAvailabilityZoneException: keep the subnets in the zones EKS says it can use. */
export function subnetsInZones(subnets: Subnet[], subnetIds: string[], validZones: string[]): string[] {
  const valid = new Set(validZones);
  return subnets
    .filter((s) => subnetIds.includes(s.SubnetId ?? "") && valid.has(s.AvailabilityZone ?? ""))
    .map((s) => s.SubnetId!);
}
