// Which subnets an EKS cluster may use: the VPC's default subnets, minus the
// availability zones EKS does not support. Zones are compared by zone ID,
// because zone names (us-east-1a…) are shuffled per account.
import type { Subnet } from "@aws-sdk/client-ec2";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";

/** Zone IDs where EKS cannot place a control plane (AWS's EKS user guide). */
export const EKS_UNSUPPORTED_ZONE_IDS: ReadonlySet<string> = new Set(["use1-az3", "usw1-az2", "cac1-az3"]);

const zoneOf = (s: Subnet) => s.AvailabilityZoneId ?? s.AvailabilityZone ?? "";

/** Why too few zones are left: the VPC's usable subnets, or what is left after EKS refused some zones. */
function tooFewZones(zones: Set<string>, why: "usable" | "refused"): MsdemoError {
  const message =
    zones.size === 0
      ? t(why === "usable" ? "aws.subnets.usableNone" : "aws.subnets.refusedNone")
      : t(why === "usable" ? "aws.subnets.usableOnly" : "aws.subnets.refusedOnly", {
          zones: [...zones].sort().join(", "),
        });
  return new MsdemoError(message, { hint: t("aws.subnets.tooFew.hint") });
}

/**
 * The default subnets (DefaultForAz) of the given subnets, outside the zone IDs
 * EKS rejects, sorted. A VPC without default subnets (any VPC but the default
 * one, given with --vpc-id) offers all its subnets instead. Fewer than two
 * zones left is an error.
 */
export function eksSubnetIds(
  subnets: Subnet[],
  excludedZoneIds: ReadonlySet<string> = EKS_UNSUPPORTED_ZONE_IDS,
): string[] {
  const defaults = subnets.filter((s) => s.DefaultForAz);
  const pool = defaults.length > 0 ? defaults : subnets;
  const usable = pool.filter((s) => s.SubnetId && !excludedZoneIds.has(s.AvailabilityZoneId ?? ""));
  const zones = new Set(usable.map(zoneOf));
  if (zones.size < 2) throw tooFewZones(zones, "usable");
  return usable.map((s) => s.SubnetId!).sort();
}

export interface ZoneRefusal {
  /** Zones EKS said it cannot use (named in its message). */
  refused: string[];
  /** Zones EKS said to choose from (the exception's validZones, or its message). */
  valid: string[];
}

const ZONE_NAME = /\b[a-z]{2}(?:-[a-z]+)+-\d[a-z]\b/g;
const ZONE_ID = /\b[a-z]{3,4}\d-az\d+\b/g;

/**
 * Reads an UnsupportedAvailabilityZoneException: "Cannot create cluster 'x'
 * because us-east-1e, the targeted availability zone, does not currently have
 * sufficient capacity … Retry and choose from these availability zones:
 * us-east-1a, us-east-1b, …". Uses the validZones field when present.
 */
export function zoneRefusal(error: unknown): ZoneRefusal {
  const e = error as { message?: string; validZones?: string[] };
  const message = e.message ?? "";
  const split = message.search(/choose from|valid (availability )?zones|supported (availability )?zones/i);
  const before = split >= 0 ? message.slice(0, split) : message;
  const after = split >= 0 ? message.slice(split) : "";
  const zonesIn = (text: string) => [...(text.match(ZONE_NAME) ?? []), ...(text.match(ZONE_ID) ?? [])];
  const valid = e.validZones?.length ? [...e.validZones] : zonesIn(after);
  const refused = zonesIn(before).filter((z) => !valid.includes(z));
  return { refused, valid };
}

/**
 * After UnsupportedAvailabilityZoneException: the subnets (of `subnetIds`)
 * outside the refused zones and, when EKS named the valid ones, inside those.
 * A zone is matched by name or by ID. Fewer than two zones left is an error.
 */
export function subnetsAfterRefusal(subnets: Subnet[], subnetIds: string[], refusal: ZoneRefusal): string[] {
  const inZones = (s: Subnet, zones: string[]) =>
    zones.includes(s.AvailabilityZone ?? "") || zones.includes(s.AvailabilityZoneId ?? "");
  const kept = subnets.filter(
    (s) =>
      subnetIds.includes(s.SubnetId ?? "") &&
      !inZones(s, refusal.refused) &&
      (refusal.valid.length === 0 || inZones(s, refusal.valid)),
  );
  const zones = new Set(kept.map(zoneOf));
  if (zones.size < 2) throw tooFewZones(zones, "refused");
  return kept.map((s) => s.SubnetId!).sort();
}
